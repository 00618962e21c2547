import { OutboxEvent, OutboxRelay, retryDelayMs } from "@partnergraph/kit";
import { DataSource, In, IsNull } from "typeorm";
import { greet, outboxOf, TestConsumer } from "./event-fixtures";
import { scratchDatabase } from "./scratch-database";

/** Per-aggregate order, claims shared by replicas, prompt retries and leases of the outbox relay. */
let publisher: DataSource;
let replica: DataSource;
let consumer: TestConsumer;
const relays: OutboxRelay[] = [];
const relayOn = (dataSource: DataSource, intervalMs = 60_000) => {
  const relay = new OutboxRelay(dataSource, { intervalMs });
  relays.push(relay);
  return relay;
};

beforeAll(async () => {
  const scratch = await scratchDatabase("kit_relay_pub", [OutboxEvent]);
  publisher = scratch.dataSource;
  replica = await scratch.another();
  consumer = await TestConsumer.open("kit_relay_sub");
  await consumer.start();
});
afterAll(async () => {
  await Promise.all(relays.map((relay) => relay.stop()));
  await consumer?.close();
  if (replica !== publisher) await replica?.destroy();
  await publisher?.destroy();
});
beforeEach(async () => {
  consumer.before = () => undefined;
  await outboxOf(publisher).clear();
});

const appliedOf = async (prefix: string) => (await consumer.applied()).filter((text) => text.startsWith(prefix));

it("delivers an aggregate's events in order and never passes one that failed", async () => {
  for (const text of ["a1", "a2", "a3"]) await greet(publisher, `order-${text}`, { aggregate: "order-a" });
  await greet(publisher, "order-b1", { aggregate: "order-b" });
  // a1 is refused until the consumer accepts it again: on a loaded machine the kick's next pass may come after
  // a1's 250 ms back-off, and a1 must still be refused then.
  let refusing = true;
  let refusals = 0;
  consumer.before = (event) => {
    if (event.payload.text === "order-a1" && refusing) {
      refusals++;
      throw new Error("not this time");
    }
  };
  const relay = relayOn(publisher);

  // a1 is refused and waits out its back-off; a2 and a3 wait behind it, never tried; b1 is not held up.
  expect(await relay.kick()).toBe(1);
  expect(await appliedOf("order-")).toEqual(["order-b1"]);
  const waiting = await outboxOf(publisher).find({ where: { aggregateKey: "order-a" }, order: { seq: "ASC" } });
  expect(refusals).toBeGreaterThanOrEqual(1);
  expect(waiting.map((e) => [e.payload.text, e.attempts, e.deliveredAt])).toEqual([
    ["order-a1", refusals, null],
    ["order-a2", 0, null],
    ["order-a3", 0, null],
  ]);

  // Accepted now, one drain: a1, then a2, then a3 (each pass takes an aggregate's next event once the last is in).
  refusing = false;
  expect(await relay.drain()).toBe(0);
  expect(await appliedOf("order-")).toEqual(["order-b1", "order-a1", "order-a2", "order-a3"]);
  expect(consumer.received.filter((e) => e.payload.text === "order-a2")).toHaveLength(1);
});

it("lets two relays on one outbox share the work without delivering any event twice or out of order", async () => {
  const aggregates = ["r0", "r1", "r2", "r3", "r4", "r5"];
  for (let n = 0; n < 5; n++)
    for (const aggregate of aggregates) await greet(publisher, `share-${aggregate}-${n}`, { aggregate });
  const inFlight = new Set<string>();
  let overlaps = 0;
  consumer.before = async (event) => {
    if (inFlight.has(event.id)) overlaps++;
    inFlight.add(event.id);
    await new Promise((resolve) => setTimeout(resolve, 3));
    inFlight.delete(event.id);
  };
  const [one, two] = [relayOn(publisher), relayOn(replica)];
  const counts: number[][] = [];
  for (let round = 0; round < 20 && (await outboxOf(publisher).countBy({ deliveredAt: IsNull() })) > 0; round++)
    counts.push(await Promise.all([one.kick(), two.kick()]));

  expect(await outboxOf(publisher).countBy({ deliveredAt: IsNull() })).toBe(0);
  expect(overlaps).toBe(0);
  const deliveries = consumer.received.filter((e) => e.payload.text.startsWith("share-"));
  expect(deliveries).toHaveLength(30);
  expect(new Set(deliveries.map((e) => e.id)).size).toBe(30);
  const applied = await appliedOf("share-");
  for (const aggregate of aggregates)
    expect(applied.filter((text) => text.startsWith(`share-${aggregate}-`))).toEqual(
      [0, 1, 2, 3, 4].map((n) => `share-${aggregate}-${n}`),
    );
  // Both took part (on MySQL each has its own pool; embedded, they interleave on one).
  expect(counts.flat().reduce((a, b) => a + b, 0)).toBe(30);
});

it("retries within seconds of the consumer's return, however long it was away", async () => {
  expect(retryDelayMs(30)).toBe(2_000);
  await consumer.stop();
  const event = await greet(publisher, "prompt", { aggregate: "prompt" });
  // As if it had failed for a long time: the old back-off would now wait 30 s.
  await outboxOf(publisher).update({ id: event.id }, { attempts: 12 });
  const relay = relayOn(publisher, 200).start();
  const row = () => outboxOf(publisher).findOneByOrFail({ id: event.id });
  const until = async (done: () => Promise<boolean>, ms: number) => {
    const deadline = Date.now() + ms;
    while (!(await done()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  };
  await until(async () => (await row()).attempts > 12, 5_000);
  expect((await row()).attempts).toBeGreaterThan(12);

  await consumer.start();
  const back = Date.now();
  await until(async () => (await row()).deliveredAt !== null, 10_000);
  const latency = Date.now() - back;
  await relay.stop();
  expect((await row()).deliveredAt).not.toBeNull();
  // At most the capped back-off (2 s) plus a tick (0.2 s); generous for a loaded machine.
  expect(latency).toBeLessThan(2_000 + 200 + 2_000);
});

it("leaves an event claimed by a live pass alone and takes over one whose claim ran out", async () => {
  const event = await greet(publisher, "lease", { aggregate: "lease" });
  const later = await greet(publisher, "lease-later", { aggregate: "lease" });
  const relay = relayOn(publisher);
  await outboxOf(publisher).update(
    { id: event.id },
    { claimedBy: "a-relay-that-died", claimedUntil: new Date(Date.now() + 60_000) },
  );
  expect(await relay.kick()).toBe(0);
  expect(await appliedOf("lease")).toEqual([]);

  await outboxOf(publisher).update({ id: event.id }, { claimedUntil: new Date(Date.now() - 1) });
  expect(await relay.kick()).toBe(2);
  expect(await appliedOf("lease")).toEqual(["lease", "lease-later"]);
  const rows = await outboxOf(publisher).findBy({ id: In([event.id, later.id]) });
  expect(rows.every((row) => row.claimedBy === null && row.claimedUntil === null)).toBe(true);
});
