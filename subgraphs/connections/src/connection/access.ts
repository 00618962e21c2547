import { AccessDecision, ACCESS_ROUTE, InternalRoutes, serveRoute } from "@partnergraph/kit";
import { DataSource, In } from "typeorm";
import { sharedAreas } from "../consent/consent.type";
import { Connection, ConnectionStatus } from "./connection.entity";

/**
 * The one place that answers "may partner P see these customers now, and which areas": ACTIVE connections and
 * what their consent shares at this instant, read live (a narrowed or ended consent applies to the next request).
 */
export function localAccessDecision(dataSource: DataSource): AccessDecision {
  return async (partnerId, customerIds) => {
    if (customerIds.length === 0) return new Map();
    const rows = await dataSource.getRepository(Connection).find({
      select: { customerId: true, consentAreas: true, consentUntil: true },
      where: { partnerId, customerId: In(customerIds), status: ConnectionStatus.ACTIVE },
    });
    const now = new Date();
    return new Map(rows.map((row) => [row.customerId, sharedAreas(row, now)]));
  };
}

export function accessRoutes(dataSource: DataSource): InternalRoutes {
  const decide = localAccessDecision(dataSource);
  return serveRoute(ACCESS_ROUTE, async ({ partnerId, customerIds }) => {
    const decided = await decide(String(partnerId), (customerIds ?? []).map(String).slice(0, 1000));
    return { connected: [...decided.keys()], areas: Object.fromEntries(decided) };
  });
}
