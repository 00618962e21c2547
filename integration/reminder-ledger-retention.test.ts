import { DayRetentionOptions, pruneOlderThanRetention, REMINDER_LEDGER_RETENTION } from "@partnergraph/kit";
import type { Stack } from "@partnergraph/scripts";
import { randomUUID } from "node:crypto";
import { DataSource } from "typeorm";
import { useStack } from "./testkit";

// The reminder ledger (reminder_sent) forgets a reminder once its item has ended: a reminder goes at most
// MAX_REMINDER_DAYS (90) before its item's end, so 91 days after it went its key is never read again.

let stack: Stack;
useStack((started) => ({ stack } = started));

const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600 * 1000);

async function sentAgo(dataSource: DataSource, ages: number[]): Promise<Map<number, string>> {
  const keys = new Map<number, string>();
  for (const days of ages) {
    const key = `ENT-${randomUUID().slice(0, 10)}:${daysAgo(days - 7).toISOString()}:7`;
    keys.set(days, key);
    await dataSource.getRepository("ReminderSent").insert({ reminderKey: key, sentAt: daysAgo(days) });
  }
  return keys;
}

it("forgets sent reminders 91 days after they went, in bounded batches, in every service that keeps the ledger", async () => {
  const dataSource = stack.subgraphs.entitlements.dataSource;
  const keys = await sentAgo(dataSource, [200, 92, 100, 90, 1]);
  const kept = async () => {
    const rows = await dataSource.getRepository("ReminderSent").find({ where: {} });
    const present = new Set(rows.map((row) => row.reminderKey));
    return [...keys].filter(([, key]) => present.has(key)).map(([days]) => days);
  };
  const prune = (options: DayRetentionOptions = {}) =>
    pruneOlderThanRetention(dataSource, REMINDER_LEDGER_RETENTION, options);

  // Two at a time, one batch (a pass cut short, as by a restart): the oldest two go; the next pass the third.
  expect(await prune({ batchSize: 2, maxBatches: 1 })).toBe(2);
  expect(await kept()).toEqual([92, 90, 1]);
  expect(await prune({ batchSize: 2 })).toBe(1);
  expect(await prune()).toBe(0);
  expect(await kept()).toEqual([90, 1]);

  // Identity (administrator grants) and connections (consents) keep the same ledger, pruned by the same rule.
  for (const name of ["identity", "connections"] as const) {
    const other = stack.subgraphs[name].dataSource;
    await sentAgo(other, [120, 30]);
    expect(await pruneOlderThanRetention(other, REMINDER_LEDGER_RETENTION)).toBe(1);
  }
});
