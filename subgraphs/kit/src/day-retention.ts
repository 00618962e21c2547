import { DataSource, EntityTarget, ObjectLiteral } from "typeorm";
import { deleteOlderInBatches, RemoveAlongside } from "./event-pruning";
import { logger } from "./logger";
import { startPeriodicJob } from "./periodic";

const DAY_MS = 24 * 3600 * 1000;
/** Rows that age by days: looking once an hour is plenty. */
const INTERVAL_MS = 3600 * 1000;

/** A table whose rows are kept a number of days (audit entries, webhooks' received events and delivery log). */
export interface DayRetention<Row extends ObjectLiteral> {
  /** Names the job and its log line. */
  what: string;
  entity: EntityTarget<Row>;
  /** The primary key the batch deletes by. */
  key: keyof Row & string;
  /** The indexed time a row ages by. */
  time: keyof Row & string;
  /** The configured retention, read when a pass runs. */
  retentionDays: () => number;
  /** What goes with each batch of rows, in the same transaction (a webhook delivery's attempts). */
  alongside?: RemoveAlongside;
  /** Rows per batch (500): fewer where each takes many rows with it, so a transaction stays short. */
  batchSize?: number;
}

export interface DayRetentionOptions {
  retentionDays?: number;
  now?: Date;
  batchSize?: number;
  maxBatches?: number;
}

/**
 * Removes the rows older than the retention, in bounded batches (a range read on the time's index, a delete by
 * key), so a long backlog is worked off over several passes without one long lock. Returns how many went.
 */
export function pruneOlderThanRetention<Row extends ObjectLiteral>(
  dataSource: DataSource,
  retention: DayRetention<Row>,
  options: DayRetentionOptions = {},
): Promise<number> {
  const retentionDays = options.retentionDays ?? retention.retentionDays();
  const cutoff = new Date((options.now ?? new Date()).getTime() - retentionDays * DAY_MS);
  const bounds = {
    cutoff,
    batchSize: options.batchSize ?? retention.batchSize ?? 500,
    maxBatches: options.maxBatches ?? 20,
  };
  const repository = dataSource.getRepository(retention.entity);
  return deleteOlderInBatches(repository, retention.key, retention.time, bounds, retention.alongside);
}

/** The retention job: a pass every hour; returns the stopper. */
export function startDayRetention<Row extends ObjectLiteral>(
  dataSource: DataSource,
  retention: DayRetention<Row>,
): () => Promise<void> {
  return startPeriodicJob(
    `${retention.what} retention`,
    async () => {
      const removed = await pruneOlderThanRetention(dataSource, retention);
      if (removed) logger.info(`removed ${retention.what} past their retention`, { removed });
    },
    INTERVAL_MS,
  );
}
