import { config, DayRetention } from "@partnergraph/kit";
import { In } from "typeorm";
import { BulkJob, BulkJobItem } from "./bulk-job.entity";

/**
 * Jobs finished more than BULK_JOB_RETENTION_DAYS ago go with their items, by their finished_at index; a job still
 * open has none and stays (the kit's startDayRetention runs it hourly; pruneOlderThanRetention is one bounded pass).
 * Twenty jobs a batch: each takes up to 1,000 items with it. What each item did stays in the audit trail.
 */
export const BULK_JOB_RETENTION: DayRetention<BulkJob> = {
  what: "finished bulk jobs",
  entity: BulkJob,
  key: "id",
  time: "finishedAt",
  retentionDays: () => config().bulkJobRetentionDays,
  alongside: (manager, ids) => manager.delete(BulkJobItem, { jobId: In(ids) }),
  batchSize: 20,
};
