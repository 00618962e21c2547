import { BadUserInputError, ForbiddenError, newId, NotFoundError, RequestContext } from "@partnergraph/kit";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { User } from "../user/user.entity";
import { Certification, RecordCertificationInput } from "./certification.entity";

@Resolver(() => Certification)
export class CertificationResolver {
  @Mutation(() => Certification, {
    description: "Vendor partner operations: record that a person passed a certification",
  })
  async recordCertification(
    @Arg("input") input: RecordCertificationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Certification> {
    const caller = ctx.requireCaller();
    if (!caller.isVendorAdmin) throw new ForbiddenError("Only the vendor records certifications");
    if (input.expiresAt && input.expiresAt <= input.achievedAt)
      throw new BadUserInputError("expiresAt", "expiresAt must be after achievedAt");
    if (!(await ctx.repository(User).exists({ where: { id: input.userId } })))
      throw new NotFoundError("User", input.userId);
    const certification = ctx
      .repository(Certification)
      .create({ id: newId("CRT"), ...input, expiresAt: input.expiresAt ?? null });
    return ctx.repository(Certification).save(certification);
  }
}
