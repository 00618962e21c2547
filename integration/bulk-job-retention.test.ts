import { BULK_JOB_RETENTION } from "@partnergraph/connections";
import { DayRetentionOptions, newId, pruneOlderThanRetention } from "@partnergraph/kit";
import { BulkJobDocument } from "@partnergraph/operations";
import type { Stack } from "@partnergraph/scripts";
import { Client, Seed, useStack } from "./testkit";

// Finished bulk jobs are pruned by age: BULK_JOB_RETENTION_DAYS (90 by default), in batches, each with its items.

let stack: Stack;
let seed: Seed;
let client: Client;
useStack((started) => ({ stack, seed, client } = started));

const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600 * 1000);

it("keeps finished bulk jobs 90 days, and removes older ones with their items in bounded batches", async () => {
  const partner = await seed.partner();
  const dataSource = stack.subgraphs.connections.dataSource;
  const jobs = dataSource.getRepository("BulkJob");
  const items = dataSource.getRepository("BulkJobItem");
  // Finished `days` ago, three items each; "open" started 200 days ago and is still running (claimed elsewhere).
  const ids = new Map<number | "open", string>();
  for (const days of [100, 91, 95, 89, 1, "open"] as const) {
    const id = newId("BLK");
    ids.set(days, id);
    const open = days === "open";
    await jobs.insert({
      id,
      organizationId: partner.id,
      kind: "TERMINATE_CONNECTIONS",
      idempotencyKey: `retention-${id}`,
      status: open ? "RUNNING" : "COMPLETED",
      total: 3,
      succeeded: open ? 0 : 3,
      failed: 0,
      caller: {},
      createdAt: daysAgo(open ? 200 : days + 1),
      finishedAt: open ? null : daysAgo(days),
      claimedBy: open ? "elsewhere" : null,
      claimedUntil: open ? daysAgo(-1) : null,
    });
    await items.insert(
      [0, 1, 2].map((index) => ({
        jobId: id,
        index,
        status: open ? "PENDING" : "SUCCEEDED",
        input: { connectionId: `CON-${index}` },
        resultId: open ? null : `CON-${index}`,
        finishedAt: open ? null : daysAgo(days as number),
      })),
    );
  }
  const kept = async () => {
    const left = [];
    for (const [days, id] of ids) {
      const { data, errors } = await client.send(partner.admin, BulkJobDocument, { id, first: 10 });
      if (data?.bulkJob) left.push([days, data.bulkJob.items.edges.length]);
      else expect(errors?.[0].extensions?.code).toBe("NOT_FOUND");
    }
    return left;
  };
  const itemsOf = (days: number) => items.count({ where: { jobId: ids.get(days) } });
  const prune = (options: DayRetentionOptions) => pruneOlderThanRetention(dataSource, BULK_JOB_RETENTION, options);
  expect(await kept()).toEqual([100, 91, 95, 89, 1, "open"].map((days) => [days, 3]));

  // Two at a time, one batch (a pass cut short, as by a restart): the two finished longest ago go with their items;
  // the next pass takes the third; nothing finished within 90 days goes, nor a job still running, however old.
  expect(await prune({ batchSize: 2, maxBatches: 1 })).toBe(2);
  expect([await itemsOf(100), await itemsOf(95), await itemsOf(91)]).toEqual([0, 0, 3]);
  expect(await prune({ batchSize: 2 })).toBe(1);
  expect(await prune({})).toBe(0);
  expect(await itemsOf(91)).toBe(0);
  expect(await kept()).toEqual([89, 1, "open"].map((days) => [days, 3]));
  // A shorter retention, as an operator may set it, takes the 89-day-old one too.
  expect(await prune({ retentionDays: 30 })).toBe(1);
  expect(await kept()).toEqual([1, "open"].map((days) => [days, 3]));
});
