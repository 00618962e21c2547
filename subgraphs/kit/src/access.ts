import { callRoute, RouteContract } from "./internal";

/**
 * "May partner P see customer C now?" The connections subgraph decides; everyone else asks it,
 * batched per request, never cached beyond the request (a terminated connection shows at once).
 */
export type AccessDecision = (partnerId: string, customerIds: string[]) => Promise<Set<string>>;

export interface AccessRequest {
  partnerId: string;
  customerIds: string[];
}
export interface AccessResponse {
  connected: string[];
}
/** The kit's own route (every request context asks it); the other routes are in the contracts package. */
export const ACCESS_ROUTE: RouteContract<AccessRequest, AccessResponse> = { service: "connections", name: "access" };

/** The decision over HTTP, for subgraphs other than connections. */
export const remoteAccessDecision: AccessDecision = async (partnerId, customerIds) => {
  const response = await callRoute(ACCESS_ROUTE, { partnerId, customerIds });
  return new Set(response.connected);
};
