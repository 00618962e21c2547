import { AUDIT_ACTIONS } from "@partnergraph/contracts";
import { BadUserInputError, inTransaction, newId, NotFoundError, recordAudit, RequestContext } from "@partnergraph/kit";
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
    const caller = ctx.requireVendorAdmin("Only the vendor records certifications");
    if (input.expiresAt && input.expiresAt <= input.achievedAt)
      throw new BadUserInputError("expiresAt", "expiresAt must be after achievedAt");
    const person = await ctx.repository(User).findOne({ where: { id: input.userId } });
    if (!person) throw new NotFoundError("User", input.userId);
    const certification = ctx
      .repository(Certification)
      .create({ id: newId("CRT"), ...input, expiresAt: input.expiresAt ?? null });
    return inTransaction(ctx.dataSource, async (manager) => {
      const saved = await manager.save(certification);
      await recordAudit(manager, caller, {
        action: AUDIT_ACTIONS.recordCertification,
        subjectType: "Certification",
        subjectId: saved.id,
        targetOrganizationId: person.organizationId,
        summary: `Recorded ${person.email}'s ${input.product} ${input.level} certification`,
      });
      return saved;
    });
  }
}
