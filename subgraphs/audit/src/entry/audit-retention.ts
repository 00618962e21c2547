import { config, DayRetention } from "@partnergraph/kit";
import { AuditEntry } from "./audit-entry.entity";

/**
 * Entries older than AUDIT_RETENTION_DAYS (at least 400) go, by their `at` index (the kit's startDayRetention runs it
 * hourly; pruneOlderThanRetention is one bounded pass).
 */
export const AUDIT_RETENTION: DayRetention<AuditEntry> = {
  what: "audit entries",
  entity: AuditEntry,
  key: "id",
  time: "at",
  retentionDays: () => config().auditRetentionDays,
};
