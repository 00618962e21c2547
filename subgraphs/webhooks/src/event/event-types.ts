import type { EventPayloads, SubscribedBy } from "@partnergraph/contracts";
import type { DataArea } from "@partnergraph/kit";

/**
 * The event types a webhook can subscribe to, each from one contract event: its public name, the organizations
 * it is about (each of whose subscriptions receive it), and — for an event about a customer's data — that
 * customer and the area of its data: its connected partners' subscriptions receive it too, while the
 * connection is ACTIVE and the customer's consent shares that area (see audience.ts).
 */
type Subscribed = SubscribedBy<"webhooks">;
interface PublicEvent<Type extends Subscribed> {
  publicType: string;
  organizations: (payload: EventPayloads[Type]) => string[];
  area?: DataArea;
}

/** Events about an organization's own data: to it, and to its partners as the area allows. */
const customerData = <Type extends Subscribed>(publicType: string, area: DataArea): PublicEvent<Type> => ({
  publicType,
  organizations: (p) => [(p as { organizationId: string }).organizationId],
  area,
});

export const PUBLIC_EVENTS: { [Type in Subscribed]: PublicEvent<Type> } = {
  ConnectionMade: { publicType: "CUSTOMER_CONNECTED", organizations: (p) => [p.partnerId, p.customerId] },
  ConnectionEnded: { publicType: "CONNECTION_ENDED", organizations: (p) => [p.partnerId, p.customerId] },
  GoalMilestoneReached: { publicType: "GOAL_MILESTONE", organizations: (p) => [p.partnerId, p.vendorId] },
  ResellRequested: { publicType: "RESELL_REQUESTED", organizations: (p) => [p.partnerId] },
  ResellDecided: { publicType: "RESELL_DECIDED", organizations: (p) => [p.partnerId] },
  ResellWithdrawn: { publicType: "RESELL_WITHDRAWN", organizations: (p) => [p.partnerId] },
  ResellRevoked: { publicType: "RESELL_REVOKED", organizations: (p) => [p.partnerId] },
  TrialChanged: customerData("TRIAL_STATE_CHANGED", "TRIALS"),
  EntitlementChanged: customerData("ENTITLEMENT_CHANGED", "ENTITLEMENTS"),
  OrderPlaced: customerData("ORDER_PLACED", "ORDERS"),
  TicketOpened: customerData("TICKET_OPENED", "TICKETS"),
  TicketStatusChanged: customerData("TICKET_STATUS_CHANGED", "TICKETS"),
  NotificationCreated: customerData("NOTIFICATION_CREATED", "NOTIFICATIONS"),
};

export const WEBHOOK_EVENT_TYPES: readonly string[] = Object.values(PUBLIC_EVENTS).map((e) => e.publicType);

/** The area of a customer's data an event (by public type) is about; undefined: it is no customer's data. */
export const AREA_OF_PUBLIC_TYPE: ReadonlyMap<string, DataArea> = new Map(
  Object.values(PUBLIC_EVENTS).flatMap((e): [string, DataArea][] => (e.area ? [[e.publicType, e.area]] : [])),
);
