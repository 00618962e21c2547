import { RequestContext } from "@partnergraph/kit";
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import { Organization } from "../organization/organization.entity";
import { OrganizationService } from "../organization/organization.service";
import { ProgramMembership } from "./membership.entity";
import { GrantProgramMembershipInput } from "./membership.inputs";
import { MembershipService } from "./membership.service";

@Resolver(() => ProgramMembership)
export class MembershipResolver {
  @Mutation(() => ProgramMembership, {
    description: "Vendor partner operations: enrol an organization in a partner program",
  })
  grantProgramMembership(
    @Arg("input") input: GrantProgramMembershipInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ProgramMembership> {
    return ctx.use(MembershipService).grant(input);
  }

  @Mutation(() => ProgramMembership, { description: "Vendor partner operations: end a membership now" })
  revokeProgramMembership(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ProgramMembership> {
    return ctx.use(MembershipService).revoke(id);
  }

  @FieldResolver(() => Organization)
  async organization(@Root() membership: ProgramMembership, @Ctx() ctx: RequestContext): Promise<Organization> {
    return ctx.use(OrganizationService).viewable(membership.organizationId);
  }
}
