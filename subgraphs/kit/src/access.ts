import { config } from "./config";
import { callInternal } from "./internal";

/**
 * "May partner P see customer C now?" The connections subgraph decides; everyone else asks it,
 * batched per request, never cached beyond the request (a terminated connection shows at once).
 */
export type AccessDecision = (partnerId: string, customerIds: string[]) => Promise<Set<string>>;

export const ACCESS_ROUTE = "access";
export interface AccessRequest {
  partnerId: string;
  customerIds: string[];
}
export interface AccessResponse {
  connected: string[];
}

/** The decision over HTTP, for subgraphs other than connections. */
export const remoteAccessDecision: AccessDecision = async (partnerId, customerIds) => {
  const response = await callInternal<AccessResponse>(config().subgraphUrls.connections, ACCESS_ROUTE, { partnerId, customerIds } satisfies AccessRequest);
  return new Set(response.connected);
};

/** Identity's answer to "does some person of partner P hold an accepted administrator grant on customer C?" */
export const ADMINISTERS_ROUTE = "administers";
export interface AdministersResponse {
  administers: boolean;
  /** FULL when any grant is FULL; otherwise CUSTOM with the union of the grants' services. */
  access: "FULL" | "CUSTOM" | null;
  serviceCodes: string[];
}
export function remoteAdministers(partnerId: string, customerId: string): Promise<AdministersResponse> {
  return callInternal<AdministersResponse>(config().subgraphUrls.identity, ADMINISTERS_ROUTE, { partnerId, customerId });
}
