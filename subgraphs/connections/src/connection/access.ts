import { AccessDecision, ACCESS_ROUTE, InternalRoutes, serveRoute } from "@partnergraph/kit";
import { DataSource, In } from "typeorm";
import { Connection, ConnectionStatus } from "./connection.entity";

/** The one place that answers "may partner P see these customers now": ACTIVE connections, read live. */
export function localAccessDecision(dataSource: DataSource): AccessDecision {
  return async (partnerId, customerIds) => {
    if (customerIds.length === 0) return new Set();
    const rows = await dataSource.getRepository(Connection).find({
      select: { customerId: true },
      where: { partnerId, customerId: In(customerIds), status: ConnectionStatus.ACTIVE },
    });
    return new Set(rows.map((row) => row.customerId));
  };
}

export function accessRoutes(dataSource: DataSource): InternalRoutes {
  const decide = localAccessDecision(dataSource);
  return serveRoute(ACCESS_ROUTE, async ({ partnerId, customerIds }) => ({
    connected: [...(await decide(String(partnerId), (customerIds ?? []).map(String).slice(0, 1000)))],
  }));
}
