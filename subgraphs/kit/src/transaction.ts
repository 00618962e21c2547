import type { DataSource, EntityManager } from "typeorm";
import { isUniqueViolation } from "./database";
import { kickRelay, recordedEvents } from "./outbox";

/** MySQL chose this transaction as a deadlock victim (or gave up waiting for a lock): safe to run again. */
export function isRetryableLockError(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const errno = e?.errno ?? e?.driverError?.errno;
  const code = e?.code ?? e?.driverError?.code;
  return errno === 1213 || errno === 1205 || code === "ER_LOCK_DEADLOCK" || code === "ER_LOCK_WAIT_TIMEOUT";
}

export interface TransactionOptions {
  /**
   * Run `work` again (up to three times in all) when it lost a race the database decided: a deadlock, or — with
   * "lock-or-unique" — a unique index another transaction filled first. `work` must then be safe to repeat.
   */
  retry?: "lock" | "lock-or-unique";
}

const ATTEMPTS = 3;

/**
 * The shape of every mutation: `work` checks, changes rows and records the change's events and audit entry with
 * the one manager it is given, so all commit together or not at all (bad input throws: nothing is written).
 * Once committed, and only when `work` recorded events, the outbox relay is kicked to deliver them now rather
 * than at its next tick. Resolves with what `work` returned, after the commit.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let used: EntityManager | undefined;
    try {
      const result = await dataSource.transaction((manager) => {
        used = manager;
        return work(manager);
      });
      if (used && recordedEvents(used)) kickRelay(dataSource);
      return result;
    } catch (error) {
      const retry =
        options.retry &&
        (isRetryableLockError(error) || (options.retry === "lock-or-unique" && isUniqueViolation(error)));
      if (!retry || attempt >= ATTEMPTS) throw error;
    }
  }
}
