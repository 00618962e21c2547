import { ConnectionType, Page, PageArgs, RequestContext } from "@partnergraph/kit";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { Organization } from "../organization/organization.type";
import { Service } from "../service/service.entity";
import { CatalogService } from "../service/service.service";
import { ResellRegistration } from "./resell.entity";
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
}
