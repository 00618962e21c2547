import { callInternal, config } from "@partnergraph/kit";
import { PartnerTier } from "./agreement.tiers";

/** Identity's signed route (subgraphs/identity/src/program/partner-standing.routes.ts). */
const PARTNER_STANDING_ROUTE = "partner-standing";
export interface PartnerStanding {
  /** The highest-tier membership ACTIVE at the instant asked; null when none. */
  membership: { id: string; program: string; tier: PartnerTier | null; startsAt: string; endsAt: string | null } | null;
  /** When a person was asked: of the partner or not, and their current certifications (catalog product names). */
  person?: { userId: string; member: boolean; certifiedProducts: string[] };
}

/** The partner's program standing at `at` and, when `userId` is given, that person's: one call, read live. */
export function partnerStanding(partnerId: string, at: Date, userId?: string): Promise<PartnerStanding> {
  return callInternal<PartnerStanding>(config().subgraphUrls.identity, PARTNER_STANDING_ROUTE, { partnerId, at: at.toISOString(), userId: userId ?? null });
}
