import { InternalRoutes } from "@partnergraph/kit";
import { DataSource, In } from "typeorm";
import { Connection, ConnectionStatus } from "./connection.entity";

/**
 * "Which customers are ACTIVE-connected to these partners right now?" for other subgraphs that
 * aggregate over a partner's customers (support's open customer tickets). Read live, never cached:
 * a terminated connection stops counting at once. Batched: one query for many partners.
 */
export const CONNECTED_CUSTOMERS_ROUTE = "connected-customers";
export interface ConnectedCustomersRequest {
  partnerIds: string[];
}
export interface ConnectedCustomersResponse {
  /** Every requested partner id, with [] when it has no ACTIVE connection. */
  customers: Record<string, string[]>;
}

const MAX_PARTNERS = 1000;

export function connectedCustomersRoutes(dataSource: DataSource): InternalRoutes {
  return {
    [CONNECTED_CUSTOMERS_ROUTE]: async ({
      partnerIds,
    }: ConnectedCustomersRequest): Promise<ConnectedCustomersResponse> => {
      const ids = [...new Set((Array.isArray(partnerIds) ? partnerIds : []).map(String))].slice(0, MAX_PARTNERS);
      const customers: Record<string, string[]> = Object.fromEntries(ids.map((id) => [id, []]));
      if (ids.length === 0) return { customers };
      const rows = await dataSource.getRepository(Connection).find({
        select: { partnerId: true, customerId: true },
        where: { partnerId: In(ids), status: ConnectionStatus.ACTIVE },
      });
      for (const row of rows) customers[row.partnerId].push(row.customerId);
      return { customers };
    },
  };
}
