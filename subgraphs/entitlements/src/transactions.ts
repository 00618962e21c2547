import { isUniqueViolation } from "@partnergraph/kit";
import { DataSource, EntityManager } from "typeorm";

/** MySQL chose this transaction as a deadlock victim (or gave up waiting for a lock): safe to run again. */
export function isRetryableLockError(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const errno = e?.errno ?? e?.driverError?.errno;
  const code = e?.code ?? e?.driverError?.code;
  return errno === 1213 || errno === 1205 || code === "ER_LOCK_DEADLOCK" || code === "ER_LOCK_WAIT_TIMEOUT";
}

/**
 * Runs `work` in a transaction, again (up to three times in all) when it lost a race the database
 * decided: a deadlock, or — when `retryUnique` — a unique index another transaction filled first.
 */
export async function transactionWithRetry<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  retryUnique = false,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      const retry = isRetryableLockError(error) || (retryUnique && isUniqueViolation(error));
      if (!retry || attempt >= 3) throw error;
    }
  }
}
