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
  const response = await callInternal<AccessResponse>(config().subgraphUrls.connections, ACCESS_ROUTE, {
    partnerId,
    customerIds,
  } satisfies AccessRequest);
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
  return callInternal<AdministersResponse>(config().subgraphUrls.identity, ADMINISTERS_ROUTE, {
    partnerId,
    customerId,
  });
}

/**
 * Identity's answer to "what does partner P hold at instant T, and is person U one of its people,
 * certified in what?" — read live, one call.
 */
export const PARTNER_STANDING_ROUTE = "partner-standing";
export type ProgramTier = "SILVER" | "GOLD" | "PLATINUM";
export interface PartnerStandingRequest {
  partnerId: string;
  /** ISO instant the membership must be ACTIVE at. */
  at: string;
  /** A person to check against the partner. */
  userId?: string | null;
}
export interface PartnerStandingResponse {
  /** The highest-tier membership ACTIVE at `at` (a membership without a tier ranks lowest); null when none. */
  membership: { id: string; program: string; tier: ProgramTier | null; startsAt: string; endsAt: string | null } | null;
  /** Only when userId was asked: whether the person's home organization is the partner, and then their current certifications (catalog product names). */
  person?: { userId: string; member: boolean; certifiedProducts: string[] };
}
export function remotePartnerStanding(
  partnerId: string,
  at: Date,
  userId?: string | null,
): Promise<PartnerStandingResponse> {
  return callInternal<PartnerStandingResponse>(config().subgraphUrls.identity, PARTNER_STANDING_ROUTE, {
    partnerId,
    at: at.toISOString(),
    userId: userId ?? null,
  } satisfies PartnerStandingRequest);
}
