import { AppliedEvent, config, OutboxEvent, pruneEvents, QueryCounter, toSqlDateTime } from "@partnergraph/kit";
import { randomUUID } from "node:crypto";
import { DataSource, IsNull, Not } from "typeorm";
import { scratchDatabase } from "./scratch-database";

let db: DataSource;
let queries: QueryCounter;

beforeAll(async () => {
  ({ dataSource: db, queries } = await scratchDatabase("kit_prune", [OutboxEvent, AppliedEvent]));
});
afterAll(() => db?.destroy());

const DAY = 24 * 3600 * 1000;
const now = new Date("2026-11-20T12:00:00.000Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);

function outboxRow(deliveredAt: Date | null, createdAt: Date) {
  const id = randomUUID();
  return {
    id,
    aggregateKey: id,
    type: "Greeted",
    payload: {},
    pending: deliveredAt ? [] : ["support"],
    deliveredAt,
    attempts: 1,
    nextAttemptAt: createdAt,
    createdAt,
  };
}

async function seed(counts: { oldDelivered: number; oldUndelivered: number; young: number; oldApplied: number }) {
  const outbox = db.getRepository(OutboxEvent);
  await outbox.insert([
    ...Array.from({ length: counts.oldDelivered }, (_, i) => outboxRow(daysAgo(10 + i / 100), daysAgo(11))),
    // Old and never delivered (a consumer gone for weeks): kept whatever its age.
    ...Array.from({ length: counts.oldUndelivered }, () => outboxRow(null, daysAgo(30))),
    ...Array.from({ length: counts.young }, () => outboxRow(daysAgo(1), daysAgo(1))),
  ]);
  await db.getRepository(AppliedEvent).insert([
    ...Array.from({ length: counts.oldApplied }, () => ({
      id: randomUUID(),
      type: "Greeted",
      appliedAt: daysAgo(9),
    })),
    ...Array.from({ length: counts.young }, () => ({ id: randomUUID(), type: "Greeted", appliedAt: daysAgo(1) })),
  ]);
}

it("removes delivered events and applied records past the retention in bounded passes, never an undelivered event", async () => {
  await seed({ oldDelivered: 45, oldUndelivered: 3, young: 4, oldApplied: 25 });
  const options = { retentionMs: 7 * DAY, batchSize: 10, maxBatches: 3, now };

  // One pass: at most 3 batches of 10 per table, each a read and a delete, whatever the backlog.
  const before = queries.count;
  expect(await pruneEvents(db, options)).toEqual({ outbox: 30, applied: 25 });
  expect(queries.count - before).toBeLessThanOrEqual(2 * 3 * 2);

  expect(await pruneEvents(db, options)).toEqual({ outbox: 15, applied: 0 });
  expect(await pruneEvents(db, options)).toEqual({ outbox: 0, applied: 0 });

  const outbox = db.getRepository(OutboxEvent);
  expect(await outbox.countBy({ deliveredAt: IsNull() })).toBe(3);
  expect(await outbox.countBy({ deliveredAt: Not(IsNull()) })).toBe(4);
  expect(await db.getRepository(AppliedEvent).count()).toBe(4);
});

// The embedded database's query plans are not production's.
const onMysql = config().databaseUrl ? it : it.skip;
onMysql("reads each batch by a range on the timestamp's index (MySQL)", async () => {
  const cutoff = toSqlDateTime(daysAgo(7));
  const plan = async (sql: string) => (await db.query<{ key: string | null; type: string }[]>(`EXPLAIN ${sql}`))[0];
  const outbox = await plan(
    `SELECT seq FROM outbox_event WHERE delivered_at < '${cutoff}' ORDER BY delivered_at ASC LIMIT 500`,
  );
  expect(outbox).toMatchObject({ type: "range" });
  expect(outbox.key).toMatch(/^IDX_/);
  const applied = await plan(
    `SELECT id FROM applied_event WHERE applied_at < '${cutoff}' ORDER BY applied_at ASC LIMIT 500`,
  );
  expect(applied).toMatchObject({ type: "range", key: "IDX_applied_event_applied_at" });
});
