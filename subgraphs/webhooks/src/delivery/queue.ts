import { newId } from "@partnergraph/kit";
import { EntityManager } from "typeorm";
import type { WebhookEvent } from "../event/webhook-event.entity";
import type { Webhook } from "../webhook/webhook.entity";
import { DeliveryStatus, WebhookDelivery } from "./delivery.entity";

/** A delivery is retried this long after it was queued, then given up. */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Queues each event for each webhook subscribed to its type, in the events' order (the dispatcher sends an
 * endpoint's deliveries in queueing order). Returns how many were queued.
 */
export async function queueDeliveries(
  manager: EntityManager,
  webhooks: Webhook[],
  events: WebhookEvent[],
  options: { replay: boolean },
): Promise<number> {
  const now = new Date();
  const rows: Partial<WebhookDelivery>[] = [];
  for (const event of events)
    for (const webhook of webhooks)
      if (webhook.active && webhook.eventTypes.includes(event.type))
        rows.push({
          id: newId("WHD"),
          webhookId: webhook.id,
          eventId: event.eventId,
          eventType: event.type,
          status: DeliveryStatus.PENDING,
          attempts: 0,
          responseStatus: null,
          lastAttemptAt: null,
          deliveredAt: null,
          nextAttemptAt: now,
          expiresAt: new Date(now.getTime() + RETRY_WINDOW_MS),
          replay: options.replay,
          claimedBy: null,
          claimedUntil: null,
          createdAt: now,
        });
  // A multi-row insert numbers its rows in order, on both databases.
  for (let i = 0; i < rows.length; i += 100) await manager.insert(WebhookDelivery, rows.slice(i, i + 100));
  return rows.length;
}
