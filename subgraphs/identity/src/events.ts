import { EventPayloads, publishedBy, PublishedBy } from "@partnergraph/contracts";
import { eventPublisher } from "@partnergraph/kit";

/** What this subgraph publishes, and to whom: the contracts package says. */
export const EVENT_SUBSCRIPTIONS = publishedBy("identity");

/** Records one of this subgraph's events, with exactly its contract payload, in the caller's transaction. */
export const publish = eventPublisher<Pick<EventPayloads, PublishedBy<"identity">>>(EVENT_SUBSCRIPTIONS);
