import type { EventSubscriptions } from "@partnergraph/kit";

/** What this subgraph publishes, and to whom (the contract other subgraphs build against). */
export const SUBSCRIPTIONS: EventSubscriptions = {
  ConnectionMade: ["support"],
  ConnectionEnded: ["support"],
  CustomerAddedByPartner: ["identity"],
};

export interface ConnectionMade {
  connectionId: string;
  partnerId: string;
  customerId: string;
  origin: "INVITATION" | "ADDED_BY_PARTNER";
  connectedAt: string;
}

export interface ConnectionEnded {
  connectionId: string;
  partnerId: string;
  customerId: string;
  terminatedBy: "PARTNER" | "CUSTOMER";
  terminatedByUserId: string;
  terminatedAt: string;
}

export interface CustomerAddedByPartner {
  customerId: string;
  name: string;
  country: string;
  adminEmail: string;
  adminName: string;
  partnerId: string;
  partnerUserId: string;
  partnerUserEmail: string;
}
