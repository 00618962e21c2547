import type { EventPayloads, SubscribedBy } from "@partnergraph/contracts";

/**
 * The event types a webhook can subscribe to, each from one contract event: its public name and the
 * organizations it is about (each of whose subscriptions receive it).
 */
type Subscribed = SubscribedBy<"webhooks">;
interface PublicEvent<Type extends Subscribed> {
  publicType: string;
  organizations: (payload: EventPayloads[Type]) => string[];
}

export const PUBLIC_EVENTS: { [Type in Subscribed]: PublicEvent<Type> } = {
  ConnectionMade: { publicType: "CUSTOMER_CONNECTED", organizations: (p) => [p.partnerId, p.customerId] },
  ConnectionEnded: { publicType: "CONNECTION_ENDED", organizations: (p) => [p.partnerId, p.customerId] },
  GoalMilestoneReached: { publicType: "GOAL_MILESTONE", organizations: (p) => [p.partnerId, p.vendorId] },
};

export const WEBHOOK_EVENT_TYPES: readonly string[] = Object.values(PUBLIC_EVENTS).map((e) => e.publicType);
