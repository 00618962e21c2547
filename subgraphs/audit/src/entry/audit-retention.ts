import { config, deleteOlderInBatches, logger, startPeriodicJob } from "@partnergraph/kit";
import { DataSource } from "typeorm";
import { AuditEntry } from "./audit-entry.entity";

const DAY_MS = 24 * 3600 * 1000;
const BATCH_SIZE = 500;
const MAX_BATCHES = 20;
/** Entries age by days: looking once an hour is plenty. */
const INTERVAL_MS = 3600 * 1000;

export interface AuditRetentionOptions {
  retentionDays?: number;
  now?: Date;
  batchSize?: number;
  maxBatches?: number;
}

/**
 * Removes entries older than AUDIT_RETENTION_DAYS, in bounded batches (a range read on the `at` index, a delete by
 * key), so a long backlog is worked off over several passes without one long lock. Returns how many went.
 */
export function pruneAuditEntries(dataSource: DataSource, options: AuditRetentionOptions = {}): Promise<number> {
  const retentionDays = options.retentionDays ?? config().auditRetentionDays;
  const cutoff = new Date((options.now ?? new Date()).getTime() - retentionDays * DAY_MS);
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const bounds = { cutoff, batchSize, maxBatches: options.maxBatches ?? MAX_BATCHES };
  return deleteOlderInBatches(dataSource.getRepository(AuditEntry), "id", "at", bounds);
}

/** The retention job: every hour; returns the stopper. */
export function startAuditRetention(dataSource: DataSource): () => Promise<void> {
  return startPeriodicJob(
    "audit retention",
    async () => {
      const removed = await pruneAuditEntries(dataSource);
      if (removed) logger.info("removed audit entries past their retention", { removed });
    },
    INTERVAL_MS,
  );
}
