import {
  config,
  DayRetention,
  DayRetentionOptions,
  pruneOlderThanRetention,
  startDayRetention,
} from "@partnergraph/kit";
import { DataSource } from "typeorm";
import { WebhookEvent } from "./webhook-event.entity";

/**
 * Received events that occurred more than WEBHOOK_EVENT_RETENTION_DAYS ago go, by their occurred_at index. Their
 * deliveries stay in the log; a replay no longer finds them.
 */
const WEBHOOK_EVENT_RETENTION: DayRetention<WebhookEvent> = {
  what: "webhook events",
  entity: WebhookEvent,
  key: "seq",
  time: "occurredAt",
  retentionDays: () => config().webhookEventRetentionDays,
};

/** One bounded pass; returns how many events went. */
export function pruneWebhookEvents(dataSource: DataSource, options: DayRetentionOptions = {}): Promise<number> {
  return pruneOlderThanRetention(dataSource, WEBHOOK_EVENT_RETENTION, options);
}

export function startWebhookEventRetention(dataSource: DataSource): () => Promise<void> {
  return startDayRetention(dataSource, WEBHOOK_EVENT_RETENTION);
}
