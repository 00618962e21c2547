import type { Caller, DataArea, RouteContract } from "@partnergraph/kit";

// Signed service-to-service routes (POST /internal/<name>): the service that serves each, and what it takes
// and answers. Served with the kit's serveRoute, called with its callRoute. (The access decision's route is
// the kit's own: every subgraph's request context asks it.)

const route = <Request, Response>(
  service: RouteContract<Request, Response>["service"],
  name: string,
): RouteContract<Request, Response> => ({ service, name });

/** Identity turns a verified token into the caller (the gateway asks, once per request). */
export interface CallerRequest {
  subject: string;
  email: string;
  /** The X-Organization-Id header, when sent. */
  organizationId?: string | null;
}
export const CALLER_ROUTE = route<CallerRequest, Caller>("identity", "caller");

/** Identity: does some person of partner P hold an accepted administrator grant on customer C? */
export interface AdministersRequest {
  partnerId: string;
  customerId: string;
}
export interface AdministersResponse {
  administers: boolean;
  /** FULL when any grant is FULL; otherwise CUSTOM with the union of the grants' services. */
  access: "FULL" | "CUSTOM" | null;
  serviceCodes: string[];
}
export const ADMINISTERS_ROUTE = route<AdministersRequest, AdministersResponse>("identity", "administers");

/** Identity: what does partner P hold at instant T, and is person U one of its people, certified in what? */
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
export const PARTNER_STANDING_ROUTE = route<PartnerStandingRequest, PartnerStandingResponse>(
  "identity",
  "partner-standing",
);

/** Identity: organizations' names and whether each holds an active partner-program badge now. */
export interface OrganizationNamesRequest {
  ids: string[];
}
export interface OrganizationName {
  id: string;
  name: string;
  isPartner: boolean;
}
export interface OrganizationNamesResponse {
  organizations: OrganizationName[];
}
export const ORGANIZATION_NAMES_ROUTE = route<OrganizationNamesRequest, OrganizationNamesResponse>(
  "identity",
  "organization-names",
);

/** Connections: which customers are ACTIVE-connected to these partners right now (read live, batched)? */
export interface ConnectedCustomersRequest {
  partnerIds: string[];
  /** Only the customers whose consent shares this area now. */
  area?: DataArea;
}
export interface ConnectedCustomersResponse {
  /** Every requested partner id, with [] when it has no ACTIVE connection. */
  customers: Record<string, string[]>;
}
export const CONNECTED_CUSTOMERS_ROUTE = route<ConnectedCustomersRequest, ConnectedCustomersResponse>(
  "connections",
  "connected-customers",
);

/** Connections: which partners are ACTIVE-connected to these customers right now, and what each consent shares? */
export interface ConnectedPartnersRequest {
  customerIds: string[];
}
export interface ConnectedPartnersResponse {
  /** Every requested customer id: its connected partners, each with the areas the customer shares now. */
  partners: Record<string, Record<string, DataArea[]>>;
}
export const CONNECTED_PARTNERS_ROUTE = route<ConnectedPartnersRequest, ConnectedPartnersResponse>(
  "connections",
  "connected-partners",
);

/**
 * Entitlements: one item of a bulk ADD_SERVICE job (connections runs the job) — addService as the job's caller.
 * `key` names the item: asked again with the same key (a restarted job), it answers the trial it made then.
 */
export interface BulkAddServiceRequest {
  caller: Caller;
  customerId: string;
  serviceCode: string;
  key: string;
}
export type BulkAddServiceResponse =
  | { trialId: string; error?: undefined }
  | { trialId?: undefined; error: { code: string; message: string; field: string | null } };
export const BULK_ADD_SERVICE_ROUTE = route<BulkAddServiceRequest, BulkAddServiceResponse>(
  "entitlements",
  "bulk-add-service",
);

/** Identity: each organization's reminder lead times in days (its settings, or the defaults). */
export interface ReminderLeadTimes {
  entitlementDays: number[];
  trialDays: number[];
  grantDays: number[];
  consentDays: number[];
}
export interface ReminderSettingsRequest {
  organizationIds: string[];
}
export interface ReminderSettingsResponse {
  /** Every requested organization id. */
  settings: Record<string, ReminderLeadTimes>;
}
export const REMINDER_SETTINGS_ROUTE = route<ReminderSettingsRequest, ReminderSettingsResponse>(
  "identity",
  "reminder-settings",
);
/** The longest lead time an organization may choose: scanners look this far ahead (the kit's reminder ledger's rule). */
export { MAX_REMINDER_DAYS } from "@partnergraph/kit";
