import type { EventHandlers, EventPayloads } from "@partnergraph/contracts";
import type { DeliveredEvent } from "@partnergraph/kit";
import { EntityManager, In } from "typeorm";
import { queueDeliveries } from "../delivery/queue";
import { Webhook } from "../webhook/webhook.entity";
import { customersOf, mayReceive, sharedWith } from "./audience";
import { PUBLIC_EVENTS } from "./event-types";
import { WebhookEvent } from "./webhook-event.entity";

type Subscribed = keyof typeof PUBLIC_EVENTS;

/**
 * Keeps the event (for replays) and queues a delivery for every webhook of the organizations it is about (and,
 * for a customer's data, of the partners that may see it now), in the kit's transaction that records the event
 * as applied: a second delivery of it queues nothing.
 */
async function ingest<Type extends Subscribed>(
  type: Type,
  manager: EntityManager,
  event: DeliveredEvent<EventPayloads[Type]>,
): Promise<void> {
  const mapping = PUBLIC_EVENTS[type];
  const organizationIds = [...new Set(mapping.organizations(event.payload))];
  const stored = manager.create(WebhookEvent, {
    eventId: event.id,
    type: mapping.publicType,
    organizationIds,
    payload: { ...event.payload },
    occurredAt: new Date(event.occurredAt),
    receivedAt: new Date(),
  });
  // About a customer's data: its partners that may see that area now receive it too (asked before writing).
  const shared = await sharedWith(customersOf([stored]));
  await manager.save(stored);
  const partners = [...shared.values()].flatMap((byPartner) => Object.keys(byPartner));
  const webhooks = await manager.find(Webhook, {
    where: { organizationId: In([...organizationIds, ...partners]), active: true },
    order: { createdAt: "ASC", id: "ASC" },
  });
  const receiving = webhooks.filter((webhook) => mayReceive(webhook, stored, shared));
  await queueDeliveries(manager, receiving, [stored], { replay: false });
}

/** One handler per contract event this subgraph subscribes to. */
export const webhookHandlers = Object.fromEntries(
  (Object.keys(PUBLIC_EVENTS) as Subscribed[]).map((type) => [
    type,
    (manager: EntityManager, event: DeliveredEvent<any>) => ingest(type, manager, event),
  ]),
) as EventHandlers<"webhooks">;
