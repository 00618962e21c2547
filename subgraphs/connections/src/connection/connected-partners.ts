import { CONNECTED_PARTNERS_ROUTE } from "@partnergraph/contracts";
import { DataArea, InternalRoutes, serveRoute } from "@partnergraph/kit";
import { DataSource, In } from "typeorm";
import { sharedAreas } from "../consent/consent.type";
import { Connection, ConnectionStatus } from "./connection.entity";

const MAX_CUSTOMERS = 1000;

/**
 * "Which partners may see these customers now, and which areas?" — the access decision asked from the
 * customer's side, for the webhooks subgraph deciding who receives an event about a customer. Read live,
 * batched: one query for many customers.
 */
export function connectedPartnersRoutes(dataSource: DataSource): InternalRoutes {
  return serveRoute(CONNECTED_PARTNERS_ROUTE, async ({ customerIds }) => {
    const ids = [...new Set((Array.isArray(customerIds) ? customerIds : []).map(String))].slice(0, MAX_CUSTOMERS);
    const partners: Record<string, Record<string, DataArea[]>> = Object.fromEntries(ids.map((id) => [id, {}]));
    if (ids.length === 0) return { partners };
    const rows = await dataSource.getRepository(Connection).find({
      select: { partnerId: true, customerId: true, consentAreas: true, consentUntil: true },
      where: { customerId: In(ids), status: ConnectionStatus.ACTIVE },
    });
    const now = new Date();
    for (const row of rows) partners[row.customerId][row.partnerId] = sharedAreas(row, now);
    return { partners };
  });
}
