import { callRoute, RouteContract } from "./internal";

/** The areas of a customer's data a connected partner may be allowed to see, each chosen by the customer. */
export const DATA_AREAS = ["ORDERS", "ENTITLEMENTS", "TRIALS", "TICKETS", "NOTIFICATIONS", "CONTACTS"] as const;
export type DataArea = (typeof DATA_AREAS)[number];

/**
 * "May partner P see customer C now, and which areas of it?" The connections subgraph decides; everyone else
 * asks it, batched per request, never cached beyond the request (a terminated connection or a narrowed consent
 * shows at once). The answer holds only connected customers, each with the areas its consent shares now.
 */
export type AccessDecision = (partnerId: string, customerIds: string[]) => Promise<Map<string, DataArea[]>>;

export interface AccessRequest {
  partnerId: string;
  customerIds: string[];
}
export interface AccessResponse {
  connected: string[];
  /** The areas each connected customer shares now; a customer missing here shares none. */
  areas?: Record<string, DataArea[]>;
}
/** The kit's own route (every request context asks it); the other routes are in the contracts package. */
export const ACCESS_ROUTE: RouteContract<AccessRequest, AccessResponse> = { service: "connections", name: "access" };

/** The decision over HTTP, for subgraphs other than connections. */
export const remoteAccessDecision: AccessDecision = async (partnerId, customerIds) => {
  const response = await callRoute(ACCESS_ROUTE, { partnerId, customerIds });
  return new Map(response.connected.map((id) => [id, response.areas?.[id] ?? []]));
};
