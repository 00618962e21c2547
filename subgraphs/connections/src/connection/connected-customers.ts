import { CONNECTED_CUSTOMERS_ROUTE } from "@partnergraph/contracts";
import { DATA_AREAS, InternalRoutes, serveRoute } from "@partnergraph/kit";
import { DataSource, In } from "typeorm";
import { sharedAreas } from "../consent/consent.type";
import { Connection, ConnectionStatus } from "./connection.entity";

const MAX_PARTNERS = 1000;

/**
 * "Which customers are ACTIVE-connected to these partners right now?" for other subgraphs that
 * aggregate over a partner's customers (support's open customer tickets). Read live, never cached:
 * a terminated connection stops counting at once. Batched: one query for many partners.
 */
export function connectedCustomersRoutes(dataSource: DataSource): InternalRoutes {
  return serveRoute(CONNECTED_CUSTOMERS_ROUTE, async ({ partnerIds, area }) => {
    const onlySharing = DATA_AREAS.find((known) => known === area);
    const ids = [...new Set((Array.isArray(partnerIds) ? partnerIds : []).map(String))].slice(0, MAX_PARTNERS);
    const customers: Record<string, string[]> = Object.fromEntries(ids.map((id) => [id, []]));
    if (ids.length === 0) return { customers };
    const rows = await dataSource.getRepository(Connection).find({
      select: { partnerId: true, customerId: true, consentAreas: true, consentUntil: true },
      where: { partnerId: In(ids), status: ConnectionStatus.ACTIVE },
    });
    const now = new Date();
    for (const row of rows)
      if (!onlySharing || sharedAreas(row, now).includes(onlySharing)) customers[row.partnerId].push(row.customerId);
    return { customers };
  });
}
