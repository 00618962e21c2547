import { Page, RequestContext } from "@partnergraph/kit";
import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Entitlement } from "../entitlement/entitlement.entity";
import { EntitlementService } from "../entitlement/entitlement.service";
import { Order } from "../order/order.entity";
import { OrdersArgs } from "../order/order.inputs";
import { OrderConnection } from "../order/order.resolver";
import { OrderService } from "../order/order.service";
import { ProvisionedService } from "../provisioning/provisioned.type";
import { ProvisioningService } from "../provisioning/provisioning.service";
import { ResellRegistration } from "../provisioning/resell.entity";
import { ResellService } from "../provisioning/resell.service";
import { Trial } from "../trial/trial.entity";
import { TrialService } from "../trial/trial.service";
import { Organization } from "./organization.type";

/** What this subgraph adds to an organization; each field checks the caller (batched) before reading. */
// Fields this subgraph adds to identity's Organization are nullable: when this subgraph fails or runs out of time,
// the gateway nulls only them (with an error naming the service), not the organization around them.
@Resolver(() => Organization)
export class OrganizationEntitlementsResolver {
  @FieldResolver(() => [Trial], {
    nullable: true,
    description: "Every trial, newest first (PENDING, ACTIVE, EXPIRED, DECLINED)",
  })
  trials(@Root() organization: Organization, @Ctx() ctx: RequestContext): Promise<Trial[]> {
    return ctx.use(TrialService).ofOrganization(organization.id);
  }

  @FieldResolver(() => [Entitlement], { nullable: true, description: "Licenses per service, active and expired" })
  entitlements(@Root() organization: Organization, @Ctx() ctx: RequestContext): Promise<Entitlement[]> {
    return ctx.use(EntitlementService).ofOrganization(organization.id);
  }

  @FieldResolver(() => OrderConnection, { nullable: true, description: "Orders, newest first" })
  orders(
    @Root() organization: Organization,
    @Args() args: OrdersArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<Order>> {
    return ctx.use(OrderService).ofOrganization(organization.id, args.first, args.after);
  }

  @FieldResolver(() => [ProvisionedService], {
    nullable: true,
    description: "The services the organization has now: bought, on trial, or registered to resell",
  })
  services(@Root() organization: Organization, @Ctx() ctx: RequestContext): Promise<ProvisionedService[]> {
    return ctx.use(ProvisioningService).ofOrganization(organization.id);
  }

  @FieldResolver(() => [ResellRegistration], {
    nullable: true,
    description:
      "A partner's requests to resell, newest first, in every status. Only the partner itself and the vendor see them",
  })
  resellRegistrations(@Root() organization: Organization, @Ctx() ctx: RequestContext): Promise<ResellRegistration[]> {
    return ctx.use(ResellService).ofPartner(organization.id);
  }
}
