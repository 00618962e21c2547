import { RequestContext } from "@partnergraph/kit";
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { Organization } from "../organization/organization.entity";
import { OrganizationService } from "../organization/organization.service";
import { AdministratorGrant, InviteAdministratorInput } from "./grant.entity";
import { GrantService } from "./grant.service";

@Resolver(() => AdministratorGrant)
export class GrantResolver {
  @Mutation(() => AdministratorGrant, {
    description: "Invite someone (typically a partner's user) to administer the acting organization",
  })
  inviteAdministrator(
    @Arg("input") input: InviteAdministratorInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AdministratorGrant> {
    return ctx.use(GrantService).invite(input);
  }

  @Mutation(() => AdministratorGrant, {
    description: "Accept an invitation; then act as that organization with X-Organization-Id",
  })
  acceptAdministratorInvitation(
    @Arg("id", () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<AdministratorGrant> {
    return ctx.use(GrantService).respond(id, true);
  }

  @Mutation(() => AdministratorGrant)
  declineAdministratorInvitation(
    @Arg("id", () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<AdministratorGrant> {
    return ctx.use(GrantService).respond(id, false);
  }

  @Mutation(() => AdministratorGrant, {
    description: "Withdraw an invitation or an accepted grant of the acting organization",
  })
  revokeAdministratorGrant(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<AdministratorGrant> {
    return ctx.use(GrantService).revoke(id);
  }

  @Query(() => [AdministratorGrant], { description: "Invitations to administer other organizations, sent to my email" })
  myAdministratorInvitations(@Ctx() ctx: RequestContext): Promise<AdministratorGrant[]> {
    return ctx.use(GrantService).mine();
  }

  @Query(() => [AdministratorGrant], {
    description: "Who administers the acting organization (its account administrators only)",
  })
  administratorGrants(@Ctx() ctx: RequestContext): Promise<AdministratorGrant[]> {
    return ctx.use(GrantService).ofMyOrganization();
  }

  @FieldResolver(() => Organization, { description: "The organization to be administered" })
  async organization(@Root() grant: AdministratorGrant, @Ctx() ctx: RequestContext): Promise<Organization> {
    // The invitee sees the inviting organization's name before accepting.
    const organization = await ctx.use(OrganizationService).load(grant.organizationId);
    return organization!;
  }
}
