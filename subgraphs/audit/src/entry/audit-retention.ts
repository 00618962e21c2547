import {
  config,
  DayRetention,
  DayRetentionOptions,
  pruneOlderThanRetention,
  startDayRetention,
} from "@partnergraph/kit";
import { DataSource } from "typeorm";
import { AuditEntry } from "./audit-entry.entity";

/** Entries older than AUDIT_RETENTION_DAYS (at least 400) go, by their `at` index. */
const AUDIT_RETENTION: DayRetention<AuditEntry> = {
  what: "audit entries",
  entity: AuditEntry,
  key: "id",
  time: "at",
  retentionDays: () => config().auditRetentionDays,
};

/** One bounded pass; returns how many entries went. */
export function pruneAuditEntries(dataSource: DataSource, options: DayRetentionOptions = {}): Promise<number> {
  return pruneOlderThanRetention(dataSource, AUDIT_RETENTION, options);
}

export function startAuditRetention(dataSource: DataSource): () => Promise<void> {
  return startDayRetention(dataSource, AUDIT_RETENTION);
}
