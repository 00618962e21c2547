import { RequestContext } from "@partnergraph/kit";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Service } from "../service/service.entity";
import { CatalogService } from "../service/service.service";
import { Entitlement, entitlementStatus, EntitlementStatus } from "./entitlement.entity";

@Resolver(() => Entitlement)
export class EntitlementResolver {
  @FieldResolver(() => EntitlementStatus, { description: "As of now: EXPIRED once expiresAt has passed" })
  status(@Root() entitlement: Entitlement): EntitlementStatus {
    return entitlementStatus(entitlement);
  }

  @FieldResolver(() => Service)
  async service(@Root() entitlement: Entitlement, @Ctx() ctx: RequestContext): Promise<Service> {
    return (await ctx.use(CatalogService).load(entitlement.serviceCode))!;
  }
}
