import {
  callInternal,
  config,
  currentScope,
  EVENTS_ROUTE,
  OutboxEvent,
  OutboxRelay,
  RequestScope,
  runInScope,
} from "@partnergraph/kit";
import { DataSource, IsNull } from "typeorm";
import { greet, outboxOf, TestConsumer } from "./event-fixtures";
import { scratchDatabase } from "./scratch-database";

let publisher: DataSource;
let consumer: TestConsumer;
let relay: OutboxRelay;

beforeAll(async () => {
  ({ dataSource: publisher } = await scratchDatabase("kit_outbox_pub", [OutboxEvent]));
  consumer = await TestConsumer.open("kit_outbox_sub");
  relay = new OutboxRelay(publisher, { intervalMs: 60_000 });
  await consumer.start();
});
afterAll(async () => {
  await relay.stop();
  await consumer?.close();
  await publisher?.destroy();
});

it("delivers a committed event once, and never one whose transaction rolled back", async () => {
  await expect(greet(publisher, "lost", { fail: true })).rejects.toThrow("the change failed");
  const event = await greet(publisher, "hello");
  expect(await relay.kick()).toBe(1);
  expect(await consumer.applied()).toEqual(["hello"]);
  expect((await outboxOf(publisher).findOneByOrFail({ id: event.id })).deliveredAt).not.toBeNull();
  expect(await outboxOf(publisher).count()).toBe(1);
});

it("applies an event delivered twice only once", async () => {
  const body = {
    id: "00000000-0000-4000-8000-000000000001",
    type: "Greeted",
    payload: { text: "twice" },
    occurredAt: new Date().toISOString(),
  };
  expect(await callInternal(config().subgraphUrls.support, EVENTS_ROUTE, body)).toEqual({ applied: true });
  expect(await callInternal(config().subgraphUrls.support, EVENTS_ROUTE, body)).toEqual({ applied: false });
  expect((await consumer.applied()).filter((text) => text === "twice")).toHaveLength(1);
});

it("answers a delivery that arrives while the same event is still applying, once that is done: applied already", async () => {
  // A relay that stopped waiting for a slow delivery sends the event again while the first is still applying.
  const body = {
    id: "00000000-0000-4000-8000-000000000002",
    type: "Greeted",
    payload: { text: "slow" },
    occurredAt: new Date().toISOString(),
  };
  let finish = () => undefined as void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  consumer.before = (event) => (event.payload.text === "slow" ? finished : undefined);
  try {
    const send = () => callInternal(config().subgraphUrls.support, EVENTS_ROUTE, body);
    const first = send();
    while (!consumer.received.some((event) => event.id === body.id)) await new Promise((r) => setTimeout(r, 20));
    const second = send();
    // Long enough for the second to be waiting on the first one's claim (the order is not what is asserted).
    await new Promise((resolve) => setTimeout(resolve, 500));
    finish();
    expect(await Promise.all([first, second])).toEqual([{ applied: true }, { applied: false }]);
  } finally {
    consumer.before = () => undefined;
  }
  expect(consumer.received.filter((event) => event.id === body.id)).toHaveLength(1);
  expect((await consumer.applied()).filter((text) => text === "slow")).toHaveLength(1);
});

it("keeps events while the consumer is down, knocking once per pass, and delivers them all when it is back", async () => {
  await consumer.stop();
  const events = [await greet(publisher, "one"), await greet(publisher, "two"), await greet(publisher, "three")];
  expect(await relay.kick()).toBe(0);
  const rows = await Promise.all(events.map((event) => outboxOf(publisher).findOneByOrFail({ id: event.id })));
  // The first found the consumer unreachable; the others were not sent to it in that pass.
  expect(rows.map((row) => [row.deliveredAt, row.attempts, row.pending, row.claimedBy])).toEqual([
    [null, 1, ["support"], null],
    [null, 0, ["support"], null],
    [null, 0, ["support"], null],
  ]);
  expect(rows[0].lastError).toMatch(/support/);

  await consumer.start();
  expect(await relay.drain()).toBe(0);
  expect((await consumer.applied()).sort()).toEqual(["hello", "one", "slow", "three", "twice", "two"]);
  expect(await outboxOf(publisher).countBy({ deliveredAt: IsNull() })).toBe(0);
});

it("refuses an unsigned event", async () => {
  const response = await fetch(`http://127.0.0.1:${consumer.port}/internal/${EVENTS_ROUTE}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ id: "x", type: "Greeted", payload: { text: "forged" } }),
  });
  expect(response.status).toBe(401);
  expect(await consumer.applied()).not.toContain("forged");
});

it("stores the request id with the event and delivers it: the consumer's request runs under that id", async () => {
  const seen: (string | undefined)[] = [];
  consumer.before = () => void seen.push(currentScope()?.requestId);
  try {
    const caused = new RequestScope("req-caused-it", "connections");
    const event = await runInScope(caused, () => greet(publisher, "with an id"));
    expect((await outboxOf(publisher).findOneByOrFail({ id: event.id })).requestId).toBe("req-caused-it");
    expect(await relay.drain()).toBe(0);
  } finally {
    consumer.before = () => undefined;
  }
  expect(seen).toEqual(["req-caused-it"]);
  expect(consumer.received.find((event) => event.payload.text === "with an id")?.requestId).toBe("req-caused-it");
});
