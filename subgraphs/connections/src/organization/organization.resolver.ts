import { ForbiddenError, RequestContext } from "@partnergraph/kit";
import { Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { In } from "typeorm";
import { Connection, ConnectionStatus } from "../connection/connection.entity";
import { Organization } from "./organization.type";

// Fields this subgraph adds to identity's Organization are nullable: when this subgraph fails or runs out of time,
// the gateway nulls only them (with an error naming the service), not the organization around them.
@Resolver(() => Organization)
export class OrganizationConnectionsResolver {
  @FieldResolver(() => Int, {
    nullable: true,
    description: "Customers with an ACTIVE connection to this partner (the partner itself and the vendor)",
  })
  async connectedCustomerCount(@Root() organization: Organization, @Ctx() ctx: RequestContext): Promise<number> {
    const caller = ctx.requireCaller();
    if (caller.organizationId !== organization.id && !caller.isVendorAdmin)
      throw new ForbiddenError("Only the partner itself and the vendor see this figure");
    return ctx
      .loader<string, number>("connected-customer-count", async (ids) => {
        const rows = await ctx
          .repository(Connection)
          .createQueryBuilder("c")
          .select("c.partner_id", "partnerId")
          .addSelect("COUNT(*)", "count")
          .where({ partnerId: In([...ids]), status: ConnectionStatus.ACTIVE })
          .groupBy("c.partner_id")
          .getRawMany<{ partnerId: string; count: string | number }>();
        return ids.map((id) => Number(rows.find((row) => row.partnerId === id)?.count ?? 0));
      })
      .load(organization.id);
  }
}
