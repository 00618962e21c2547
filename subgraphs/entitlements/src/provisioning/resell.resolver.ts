import { ConnectionType, Page, PageArgs, RequestContext } from "@partnergraph/kit";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { Organization } from "../organization/organization.type";
import { User } from "../user/user.stub";
import { Service } from "../service/service.entity";
import { CatalogService } from "../service/service.service";
import { ResellRegistration, ResellStatus } from "./resell.entity";
import { ResellService } from "./resell.service";

export const ResellRegistrationConnection = ConnectionType("ResellRegistration", ResellRegistration);

@Resolver(() => ResellRegistration)
export class ResellResolver {
  @FieldResolver(() => Service)
  async service(@Root() registration: ResellRegistration, @Ctx() ctx: RequestContext): Promise<Service> {
    return (await ctx.use(CatalogService).load(registration.serviceCode))!;
  }

  @FieldResolver(() => Organization, { description: "The partner that asks to resell" })
  partner(@Root() registration: ResellRegistration): Organization {
    return { id: registration.organizationId };
  }

  @FieldResolver(() => User, { description: "The partner's person who asked" })
  requestedBy(@Root() registration: ResellRegistration): User {
    return { id: registration.requestedByUserId };
  }

  @FieldResolver(() => User, {
    nullable: true,
    description:
      "Who approved or declined it (named to the vendor only), or the partner's person who withdrew it; null while PENDING",
  })
  decidedBy(@Root() registration: ResellRegistration, @Ctx() ctx: RequestContext): User | null {
    const byPartner = registration.status === ResellStatus.WITHDRAWN;
    return vendorOnlyUnless(byPartner, registration.decidedByUserId, ctx);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who revoked it (named to the vendor only)" })
  revokedBy(@Root() registration: ResellRegistration, @Ctx() ctx: RequestContext): User | null {
    return vendorOnlyUnless(false, registration.revokedByUserId, ctx);
  }

  @Query(() => ResellRegistrationConnection, {
    description:
      "Every partner's requests to resell, newest first, in one status or all (vendor administrators): the history of the decisions",
  })
  resellRegistrations(
    @Arg("status", () => ResellStatus, { nullable: true }) status: ResellStatus | null,
    @Args() args: PageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<ResellRegistration>> {
    return ctx.use(ResellService).all(status, args);
  }

  @Query(() => ResellRegistrationConnection, {
    description: "Requests to resell waiting for the vendor's decision, oldest first (vendor administrators)",
  })
  pendingResellRegistrations(@Args() args: PageArgs, @Ctx() ctx: RequestContext): Promise<Page<ResellRegistration>> {
    return ctx.use(ResellService).pending(args);
  }

  @Mutation(() => ResellRegistration, {
    description:
      'A badged partner asks to resell a service ("Resell" on its tile): PENDING until the vendor decides; approved, it is provisioned for the partner',
  })
  registerToResell(@Arg("serviceCode") serviceCode: string, @Ctx() ctx: RequestContext): Promise<ResellRegistration> {
    return ctx.use(ResellService).request(serviceCode);
  }

  @Mutation(() => ResellRegistration, {
    description: "The vendor approves a PENDING request to resell: the partner may resell the service from now",
  })
  approveResellRegistration(
    @Arg("id", () => ID) id: string,
    @Arg("reason", () => String, { nullable: true, description: "Told to the partner" }) reason: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ResellRegistration> {
    return ctx.use(ResellService).approve(id, reason);
  }

  @Mutation(() => ResellRegistration, {
    description: "The vendor declines a PENDING request to resell; the partner may ask again",
  })
  declineResellRegistration(
    @Arg("id", () => ID) id: string,
    @Arg("reason", () => String, { nullable: true, description: "Told to the partner" }) reason: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ResellRegistration> {
    return ctx.use(ResellService).decline(id, reason);
  }

  @Mutation(() => ResellRegistration, {
    description: "The partner withdraws its PENDING request to resell; it may ask again",
  })
  withdrawResellRegistration(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ResellRegistration> {
    return ctx.use(ResellService).withdraw(id);
  }

  @Mutation(() => ResellRegistration, {
    description:
      "The vendor revokes an APPROVED right to resell, saying why: the partner is told, no longer resells the service, and may ask again",
  })
  revokeResellRegistration(
    @Arg("id", () => ID) id: string,
    @Arg("reason", { description: "Told to the partner" }) reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ResellRegistration> {
    return ctx.use(ResellService).revoke(id, reason);
  }
}

/** The vendor's people are named to the vendor only; a partner's own person, to the partner too. */
function vendorOnlyUnless(byPartner: boolean, userId: string | null, ctx: RequestContext): User | null {
  if (!userId) return null;
  return byPartner || ctx.requireCaller().isVendorAdmin ? { id: userId } : null;
}
