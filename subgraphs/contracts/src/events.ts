import { AUDIT_SUBSCRIBERS } from "@partnergraph/kit";
import type { AuditRecorded, DataArea, EventHandler, EventSubscriptions, SubgraphName } from "@partnergraph/kit";

/** A partner and a customer are connected (the customer accepted the link, or the partner added it). */
export interface ConnectionMade {
  connectionId: string;
  partnerId: string;
  customerId: string;
  origin: "INVITATION" | "ADDED_BY_PARTNER";
  connectedAt: string;
}

/** Either side ended a connection. */
export interface ConnectionEnded {
  connectionId: string;
  partnerId: string;
  customerId: string;
  terminatedBy: "PARTNER" | "CUSTOMER";
  terminatedByUserId: string;
  terminatedAt: string;
}

/** The customer's administrator changed which areas of its data the partner sees, and until when. */
export interface ConsentChanged {
  connectionId: string;
  partnerId: string;
  customerId: string;
  areas: DataArea[];
  until: string | null;
  changedByUserId: string;
  changedAt: string;
}

/** A consent reached its end: the partner now sees none of the customer's data areas. Once per end. */
export interface ConsentEnded {
  connectionId: string;
  partnerId: string;
  customerId: string;
  endedAt: string;
}

/** A partner registered a customer that has no account yet; identity creates it with this id. */
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

/** An ACTIVE trial or entitlement ends within one of its organization's lead times; once per item, end and lead time. */
export interface ExpiryApproaching {
  organizationId: string;
  kind: "TRIAL" | "ENTITLEMENT";
  itemId: string;
  serviceCode: string;
  serviceName: string;
  endsAt: string;
  /** The lead time (days before the end) this reminder is for. */
  leadDays: number;
}

/**
 * Something ends within one of the recipient organization's lead times: an administrator grant it gave (GIVEN) or
 * one of its people holds (HELD), or a consent it gave (GIVEN) or was given (HELD). Once per item, end, recipient
 * and lead time.
 */
export interface EndApproaching {
  organizationId: string;
  kind: "GRANT" | "CONSENT";
  side: "GIVEN" | "HELD";
  itemId: string;
  /** The organization on the other side (the grantee's or the partner, the customer). */
  counterpartId: string | null;
  endsAt: string;
  leadDays: number;
}

/** A joint goal reached 50% or 100% of its target; once per goal and milestone. */
export interface GoalMilestoneReached {
  goalId: string;
  partnerId: string;
  vendorId: string;
  milestone: 50 | 100;
  metric: string;
  target: number;
  progress: number;
}

/** The vendor proposed a joint goal (PROPOSED), or the partner agreed to or declined it. */
export interface JointGoalChanged {
  goalId: string;
  partnerId: string;
  vendorId: string;
  status: "PROPOSED" | "AGREED" | "DECLINED";
  metric: string;
  target: number;
  periodStart: string;
  periodEnd: string;
}

/** A partner asked the vendor for the right to resell a service (PENDING until the vendor decides). */
export interface ResellRequested {
  registrationId: string;
  partnerId: string;
  vendorId: string;
  serviceCode: string;
  requestedAt: string;
}

/** The vendor approved or declined a partner's request to resell a service. */
export interface ResellDecided {
  registrationId: string;
  partnerId: string;
  vendorId: string;
  serviceCode: string;
  status: "APPROVED" | "DECLINED";
  /** The vendor's reason, if it gave one. */
  reason: string | null;
  decidedAt: string;
}

/** The partner withdrew its request to resell a service before the vendor decided. */
export interface ResellWithdrawn {
  registrationId: string;
  partnerId: string;
  vendorId: string;
  serviceCode: string;
  withdrawnAt: string;
}

/** The vendor revoked a partner's approved right to resell a service: the partner no longer resells it. */
export interface ResellRevoked {
  registrationId: string;
  partnerId: string;
  vendorId: string;
  serviceCode: string;
  /** The vendor's reason, told to the partner. */
  reason: string;
  revokedAt: string;
}

/** The vendor announced a price change of a service; `holderIds` are the organizations holding an ACTIVE entitlement to it. */
export interface PriceChangeAnnounced {
  priceChangeId: string;
  serviceCode: string;
  serviceName: string;
  effectiveOn: string;
  summary: string;
  holderIds: string[];
  announcedAt: string;
}

/** A trial was opened (PENDING when requested, ACTIVE when a partner added it), approved, or declined. */
export interface TrialChanged {
  trialId: string;
  organizationId: string;
  serviceCode: string;
  /** The stored status it moved to (EXPIRED is not stored: it is an ACTIVE trial past endsAt). */
  status: "PENDING" | "ACTIVE" | "DECLINED";
  startsAt: string | null;
  endsAt: string | null;
  /** The partner that added it, when one did. */
  addedByOrganizationId: string | null;
  changedAt: string;
}

/** An order line created or extended an organization's licenses of a service. */
export interface EntitlementChanged {
  entitlementId: string;
  organizationId: string;
  serviceCode: string;
  licenseCount: number;
  unit: string;
  startsAt: string;
  expiresAt: string;
  /** The order that changed it. */
  orderId: string;
  changedAt: string;
}

/** An order was booked for an organization (the customer), by the vendor or a reselling partner. */
export interface OrderPlaced {
  orderId: string;
  number: string;
  organizationId: string;
  resellerId: string | null;
  currency: string;
  totalCents: number;
  placedAt: string;
  lines: { serviceCode: string; quantity: number; termMonths: number }[];
}

/** A support case was opened for an organization. */
export interface TicketOpened {
  ticketId: string;
  number: string;
  organizationId: string;
  serviceCode: string | null;
  severity: number;
  status: string;
  title: string;
  openedAt: string;
}

/** A support case moved from one status to another. */
export interface TicketStatusChanged {
  ticketId: string;
  number: string;
  organizationId: string;
  previousStatus: string;
  status: string;
  changedAt: string;
}

/** An organization-wide notice was created (notices to one person are that person's alone, never published). */
export interface NotificationCreated {
  notificationId: string;
  organizationId: string;
  category: string;
  title: string;
  body: string;
  relatedOrganizationId: string | null;
  createdAt: string;
}

/** Every cross-subgraph event type and its payload. */
export interface EventPayloads {
  ConnectionMade: ConnectionMade;
  ConnectionEnded: ConnectionEnded;
  ConsentChanged: ConsentChanged;
  ConsentEnded: ConsentEnded;
  CustomerAddedByPartner: CustomerAddedByPartner;
  ExpiryApproaching: ExpiryApproaching;
  GoalMilestoneReached: GoalMilestoneReached;
  GrantEndApproaching: EndApproaching;
  ConsentEndApproaching: EndApproaching;
  JointGoalProposed: JointGoalChanged;
  JointGoalDecided: JointGoalChanged;
  ResellRequested: ResellRequested;
  ResellDecided: ResellDecided;
  ResellWithdrawn: ResellWithdrawn;
  ResellRevoked: ResellRevoked;
  PriceChangeAnnounced: PriceChangeAnnounced;
  TrialChanged: TrialChanged;
  EntitlementChanged: EntitlementChanged;
  OrderPlaced: OrderPlaced;
  TicketOpened: TicketOpened;
  TicketStatusChanged: TicketStatusChanged;
  NotificationCreated: NotificationCreated;
  /** Someone changed something: every subgraph records it with the kit's recordAudit, in the change's transaction. */
  AuditRecorded: AuditRecorded;
}
export type EventType = keyof EventPayloads;

/** Who publishes each event and who applies it. */
export const EVENT_ROUTING = {
  ConnectionMade: { publisher: "connections", subscribers: ["support", "webhooks"] },
  ConnectionEnded: { publisher: "connections", subscribers: ["support", "webhooks"] },
  ConsentChanged: { publisher: "connections", subscribers: ["support"] },
  ConsentEnded: { publisher: "connections", subscribers: ["support"] },
  CustomerAddedByPartner: { publisher: "connections", subscribers: ["identity"] },
  ExpiryApproaching: { publisher: "entitlements", subscribers: ["support"] },
  GoalMilestoneReached: { publisher: "entitlements", subscribers: ["support", "webhooks"] },
  GrantEndApproaching: { publisher: "identity", subscribers: ["support"] },
  ConsentEndApproaching: { publisher: "connections", subscribers: ["support"] },
  JointGoalProposed: { publisher: "entitlements", subscribers: ["support"] },
  JointGoalDecided: { publisher: "entitlements", subscribers: ["support"] },
  ResellRequested: { publisher: "entitlements", subscribers: ["support", "webhooks"] },
  ResellDecided: { publisher: "entitlements", subscribers: ["support", "webhooks"] },
  ResellWithdrawn: { publisher: "entitlements", subscribers: ["support", "webhooks"] },
  ResellRevoked: { publisher: "entitlements", subscribers: ["support", "webhooks"] },
  PriceChangeAnnounced: { publisher: "entitlements", subscribers: ["support"] },
  TrialChanged: { publisher: "entitlements", subscribers: ["webhooks"] },
  EntitlementChanged: { publisher: "entitlements", subscribers: ["webhooks"] },
  OrderPlaced: { publisher: "entitlements", subscribers: ["webhooks"] },
  TicketOpened: { publisher: "support", subscribers: ["webhooks"] },
  TicketStatusChanged: { publisher: "support", subscribers: ["webhooks"] },
  NotificationCreated: { publisher: "support", subscribers: ["webhooks"] },
  // Every subgraph whose mutations change something records them (the audit subgraph itself changes nothing).
  AuditRecorded: {
    publisher: ["identity", "connections", "entitlements", "support", "webhooks"],
    subscribers: AUDIT_SUBSCRIBERS,
  },
} as const satisfies Record<
  EventType,
  { publisher: SubgraphName | readonly SubgraphName[]; subscribers: readonly SubgraphName[] }
>;
type Routing = typeof EVENT_ROUTING;
type PublishersOf<Type extends EventType> = Routing[Type]["publisher"] extends readonly (infer Name)[]
  ? Name
  : Routing[Type]["publisher"];

/** The subgraphs that publish an event type. */
export const publishersOf = (type: EventType): readonly SubgraphName[] => [EVENT_ROUTING[type].publisher].flat();

/** The event types `service` publishes. */
export type PublishedBy<Service extends SubgraphName> = {
  [Type in EventType]: Service extends PublishersOf<Type> ? Type : never;
}[EventType];

/** The event types `service` applies. */
export type SubscribedBy<Service extends SubgraphName> = {
  [Type in EventType]: Service extends Routing[Type]["subscribers"][number] ? Type : never;
}[EventType];

/** A consumer's handlers: exactly one for each type it subscribes to, typed by the published payload. */
export type EventHandlers<Service extends SubgraphName> = {
  [Type in SubscribedBy<Service>]: EventHandler<EventPayloads[Type]>;
};

/** What `service` publishes and to whom, as its definition's `events.publishes` (for the kit's outbox). */
export function publishedBy(service: SubgraphName): EventSubscriptions {
  return Object.fromEntries(
    Object.entries(EVENT_ROUTING)
      .filter(([type]) => publishersOf(type as EventType).includes(service))
      .map(([type, route]) => [type, [...route.subscribers]]),
  );
}
