import { config, deleteOlderInBatches, logger, startPeriodicJob } from "@partnergraph/kit";
import { DataSource } from "typeorm";
import { WebhookEvent } from "./webhook-event.entity";

const DAY_MS = 24 * 3600 * 1000;
/** Events age by days: looking once an hour is plenty. */
const INTERVAL_MS = 3600 * 1000;

export interface WebhookEventRetentionOptions {
  retentionDays?: number;
  now?: Date;
  batchSize?: number;
  maxBatches?: number;
}

/**
 * Removes received events that occurred more than WEBHOOK_EVENT_RETENTION_DAYS ago, in bounded batches (a range
 * read on the occurred_at index, a delete by key). Their deliveries stay in the log; a replay no longer finds them.
 * Returns how many went.
 */
export function pruneWebhookEvents(
  dataSource: DataSource,
  options: WebhookEventRetentionOptions = {},
): Promise<number> {
  const retentionDays = options.retentionDays ?? config().webhookEventRetentionDays;
  const cutoff = new Date((options.now ?? new Date()).getTime() - retentionDays * DAY_MS);
  const bounds = { cutoff, batchSize: options.batchSize ?? 500, maxBatches: options.maxBatches ?? 20 };
  return deleteOlderInBatches(dataSource.getRepository(WebhookEvent), "seq", "occurredAt", bounds);
}

/** The retention job: every hour; returns the stopper. */
export function startWebhookEventRetention(dataSource: DataSource): () => Promise<void> {
  return startPeriodicJob(
    "webhook event retention",
    async () => {
      const removed = await pruneWebhookEvents(dataSource);
      if (removed) logger.info("removed webhook events past their retention", { removed });
    },
    INTERVAL_MS,
  );
}
