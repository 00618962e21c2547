import { ConnectionType, Page, RequestContext } from "@partnergraph/kit";
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { MembershipService } from "../program/membership.service";
import { Badge, ProgramMembership } from "../program/membership.entity";
import { Organization } from "./organization.entity";
import { PartnerDirectoryArgs, RegisterOrganizationInput } from "./organization.inputs";
import { OrganizationService } from "./organization.service";
import { PartnerDirectoryService } from "./partner-directory.service";

export const PartnerDirectoryConnection = ConnectionType("PartnerDirectory", Organization);

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, {
    description: "An organization the caller may see: its own, a connected customer, or a partner's public profile",
  })
  organization(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Organization> {
    return ctx.use(OrganizationService).viewable(id);
  }

  @Query(() => PartnerDirectoryConnection, {
    description:
      "The vendor's partners (vendor administrators): organizations enrolled in a partner program, now or once, by name",
  })
  partnerDirectory(@Args() args: PartnerDirectoryArgs, @Ctx() ctx: RequestContext): Promise<Page<Organization>> {
    return ctx.use(PartnerDirectoryService).page(args);
  }

  @Mutation(() => Organization, { description: "Sign-up: create an organization and become its first administrator" })
  registerOrganization(
    @Arg("input") input: RegisterOrganizationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Organization> {
    return ctx.use(OrganizationService).register(input);
  }

  @FieldResolver(() => String, { description: "ISO 3166-1 alpha-2" })
  async country(@Root() organization: Organization, @Ctx() ctx: RequestContext): Promise<string> {
    await ctx.use(OrganizationService).assertFullAccess(organization);
    return organization.country;
  }

  @FieldResolver(() => Date)
  async createdAt(@Root() organization: Organization, @Ctx() ctx: RequestContext): Promise<Date> {
    await ctx.use(OrganizationService).assertFullAccess(organization);
    return organization.createdAt;
  }

  @FieldResolver(() => Boolean, { description: "Holds at least one active partner-program membership" })
  isPartner(@Root() organization: Organization, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.use(MembershipService).isPartner(organization.id);
  }

  @FieldResolver(() => [Badge], { description: "One badge per active program membership" })
  badges(@Root() organization: Organization, @Ctx() ctx: RequestContext): Promise<Badge[]> {
    return ctx.use(MembershipService).badgesOf(organization.id);
  }

  @FieldResolver(() => [ProgramMembership], { description: "Every membership, past, present and scheduled" })
  async memberships(@Root() organization: Organization, @Ctx() ctx: RequestContext): Promise<ProgramMembership[]> {
    await ctx.use(OrganizationService).assertFullAccess(organization);
    return ctx.use(MembershipService).membershipsOf(organization.id);
  }

  @FieldResolver(() => Int, { description: "People of this organization holding a current certification" })
  async certifiedPeopleCount(@Root() organization: Organization, @Ctx() ctx: RequestContext): Promise<number> {
    await ctx.use(OrganizationService).assertFullAccess(organization);
    return ctx.use(OrganizationService).certifiedPeopleCount(organization.id);
  }
}
