import { CONNECTED_CUSTOMERS_ROUTE } from "@partnergraph/contracts";
import { InternalRoutes, serveRoute } from "@partnergraph/kit";
import { DataSource, In } from "typeorm";
import { Connection, ConnectionStatus } from "./connection.entity";

const MAX_PARTNERS = 1000;

/**
 * "Which customers are ACTIVE-connected to these partners right now?" for other subgraphs that
 * aggregate over a partner's customers (support's open customer tickets). Read live, never cached:
 * a terminated connection stops counting at once. Batched: one query for many partners.
 */
export function connectedCustomersRoutes(dataSource: DataSource): InternalRoutes {
  return serveRoute(CONNECTED_CUSTOMERS_ROUTE, async ({ partnerIds }) => {
    const ids = [...new Set((Array.isArray(partnerIds) ? partnerIds : []).map(String))].slice(0, MAX_PARTNERS);
    const customers: Record<string, string[]> = Object.fromEntries(ids.map((id) => [id, []]));
    if (ids.length === 0) return { customers };
    const rows = await dataSource.getRepository(Connection).find({
      select: { partnerId: true, customerId: true },
      where: { partnerId: In(ids), status: ConnectionStatus.ACTIVE },
    });
    for (const row of rows) customers[row.partnerId].push(row.customerId);
    return { customers };
  });
}
