import { EventPayloads, publishedBy, PublishedBy } from "@partnergraph/contracts";
import { eventPublisher, eventsPublisher } from "@partnergraph/kit";

/** What this subgraph publishes, and to whom: the contracts package says. */
export const EVENT_SUBSCRIPTIONS = publishedBy("support");

/** Records one of this subgraph's events, with exactly its contract payload, in the caller's transaction. */
export const publish = eventPublisher<Pick<EventPayloads, PublishedBy<"support">>>(EVENT_SUBSCRIPTIONS);
/** publish for many events of one type at once: one INSERT. */
export const publishEach = eventsPublisher<Pick<EventPayloads, PublishedBy<"support">>>(EVENT_SUBSCRIPTIONS);
