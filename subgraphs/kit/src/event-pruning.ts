import { DataSource, In, LessThan } from "typeorm";
import { config } from "./config";
import { logger } from "./logger";
import { AppliedEvent, OutboxEvent } from "./outbox";
import { startPeriodicJob } from "./periodic";

export interface PruneOptions {
  /** Rows older than this are removed: delivered outbox events by delivered_at, applied-event records by applied_at. */
  retentionMs: number;
  /** Rows removed per statement. */
  batchSize?: number;
  /** Batches per table in one pass: a pass is bounded whatever the backlog, the next pass goes on. */
  maxBatches?: number;
  now?: Date;
}

export interface PruneResult {
  outbox: number;
  applied: number;
}

const BATCH_SIZE = 500;
const MAX_BATCHES = 20;

/**
 * Removes, in bounded batches, a service's delivered outbox events and applied-event records older than the
 * retention. An undelivered event is never removed, however old. Each batch is a range read on the timestamp's
 * index (outbox: delivered_at, next_attempt_at; applied_event: applied_at) and a delete by primary key, so
 * replicas pruning at once only delete the same rows twice.
 */
export async function pruneEvents(dataSource: DataSource, options: PruneOptions): Promise<PruneResult> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.retentionMs);
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const maxBatches = options.maxBatches ?? MAX_BATCHES;
  const result: PruneResult = { outbox: 0, applied: 0 };
  if (dataSource.hasMetadata(OutboxEvent)) {
    const outbox = dataSource.getRepository(OutboxEvent);
    result.outbox = await inBatches(batchSize, maxBatches, async () => {
      // delivered_at < cutoff is never true of NULL: undelivered events stay.
      const rows = await outbox.find({
        select: { seq: true },
        where: { deliveredAt: LessThan(cutoff) },
        order: { deliveredAt: "ASC" },
        take: batchSize,
      });
      if (rows.length) await outbox.delete({ seq: In(rows.map((row) => row.seq)) });
      return rows.length;
    });
  }
  if (dataSource.hasMetadata(AppliedEvent)) {
    const applied = dataSource.getRepository(AppliedEvent);
    result.applied = await inBatches(batchSize, maxBatches, async () => {
      const rows = await applied.find({
        select: { id: true },
        where: { appliedAt: LessThan(cutoff) },
        order: { appliedAt: "ASC" },
        take: batchSize,
      });
      if (rows.length) await applied.delete({ id: In(rows.map((row) => row.id)) });
      return rows.length;
    });
  }
  return result;
}

/** Runs `batch` (which removes at most `batchSize` rows) until one removes fewer, at most `maxBatches` times. */
export async function inBatches(batchSize: number, maxBatches: number, batch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const removed = await batch();
    total += removed;
    if (removed < batchSize) break;
  }
  return total;
}

/** Prunes the service's event tables every EVENT_PRUNE_INTERVAL_MS (EVENT_RETENTION_SECONDS); returns the stopper. */
export function startEventPruning(dataSource: DataSource): () => Promise<void> {
  const { eventRetentionSeconds, eventPruneIntervalMs } = config();
  return startPeriodicJob(
    "event pruning",
    async () => {
      const pruned = await pruneEvents(dataSource, { retentionMs: eventRetentionSeconds * 1000 });
      if (pruned.outbox || pruned.applied) logger.info("pruned old events", { ...pruned });
    },
    eventPruneIntervalMs,
  );
}
