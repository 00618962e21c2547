import { config, DayRetention } from "@partnergraph/kit";
import { WebhookEvent } from "./webhook-event.entity";

/**
 * Received events that occurred more than WEBHOOK_EVENT_RETENTION_DAYS ago go, by their occurred_at index (the kit's
 * startDayRetention runs it hourly; pruneOlderThanRetention is one bounded pass). Their deliveries stay in the log; a
 * replay no longer finds them.
 */
export const WEBHOOK_EVENT_RETENTION: DayRetention<WebhookEvent> = {
  what: "webhook events",
  entity: WebhookEvent,
  key: "seq",
  time: "occurredAt",
  retentionDays: () => config().webhookEventRetentionDays,
};
