import {
  DataSource,
  EntityManager,
  FindOptionsOrder,
  FindOptionsSelect,
  FindOptionsWhere,
  In,
  LessThan,
  ObjectLiteral,
  Repository,
} from "typeorm";
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
  const bounds = { cutoff, batchSize, maxBatches };
  // delivered_at < cutoff is never true of NULL: undelivered events stay.
  if (dataSource.hasMetadata(OutboxEvent))
    result.outbox = await deleteOlderInBatches(dataSource.getRepository(OutboxEvent), "seq", "deliveredAt", bounds);
  if (dataSource.hasMetadata(AppliedEvent))
    result.applied = await deleteOlderInBatches(dataSource.getRepository(AppliedEvent), "id", "appliedAt", bounds);
  return result;
}

/** Removes what belongs to a batch of rows about to go (by their keys), in the transaction that removes them. */
export type RemoveAlongside = (manager: EntityManager, keys: unknown[]) => Promise<unknown>;

/**
 * Deletes the rows whose `time` is before `cutoff`, oldest first, in bounded batches: each a range read on the
 * time's index and a delete by `key` (with `alongside`, one transaction removing theirs too). Returns how many went.
 */
export function deleteOlderInBatches<Row extends ObjectLiteral>(
  repository: Repository<Row>,
  key: keyof Row & string,
  time: keyof Row & string,
  { cutoff, batchSize, maxBatches }: { cutoff: Date; batchSize: number; maxBatches: number },
  alongside?: RemoveAlongside,
): Promise<number> {
  return inBatches(batchSize, maxBatches, async () => {
    const rows = await repository.find({
      select: { [key]: true } as FindOptionsSelect<Row>,
      where: { [time]: LessThan(cutoff) } as FindOptionsWhere<Row>,
      order: { [time]: "ASC" } as FindOptionsOrder<Row>,
      take: batchSize,
    });
    if (!rows.length) return 0;
    const keys = rows.map((row) => row[key]);
    const byKey = { [key]: In(keys) } as FindOptionsWhere<Row>;
    if (alongside)
      await repository.manager.transaction(async (manager) => {
        await alongside(manager, keys);
        await manager.delete(repository.target, byKey);
      });
    else await repository.delete(byKey);
    return rows.length;
  });
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
