import { config, DayRetention } from "@partnergraph/kit";
import { EntityManager, In } from "typeorm";
import { WebhookAttempt, WebhookDelivery } from "./delivery.entity";

/** Removes the attempts of these deliveries (a delivery is retried up to a day: many attempts each), 500 at a time. */
export async function removeAttempts(manager: EntityManager, deliveryIds: string[]): Promise<void> {
  for (let i = 0; i < deliveryIds.length; i += 500)
    await manager.delete(WebhookAttempt, { deliveryId: In(deliveryIds.slice(i, i + 500)) });
}

/**
 * Deliveries queued more than WEBHOOK_DELIVERY_RETENTION_DAYS ago go with their attempts, by their created_at index.
 * By then each is decided (retried for a day, the retention is at least 2 days) and its event is gone too (kept no
 * longer, and it occurred before the delivery was queued), so nothing could still be sent or replayed. The kit's
 * startDayRetention runs it hourly; pruneOlderThanRetention is one bounded pass.
 */
export const WEBHOOK_DELIVERY_RETENTION: DayRetention<WebhookDelivery> = {
  what: "webhook deliveries",
  entity: WebhookDelivery,
  key: "id",
  time: "createdAt",
  retentionDays: () => config().webhookDeliveryRetentionDays,
  alongside: (manager, ids) => removeAttempts(manager, ids as string[]),
};
