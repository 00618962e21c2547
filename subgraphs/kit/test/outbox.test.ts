import {
  AppliedEvent,
  callInternal,
  config,
  createHttpServer,
  EVENTS_ROUTE,
  eventRoutes,
  listen,
  OutboxEvent,
  OutboxRelay,
  recordEvent,
  setConfig,
} from "@partnergraph/kit";
import type { Server } from "node:http";
import { Column, DataSource, Entity, IsNull, PrimaryColumn } from "typeorm";
import { scratchDatabase } from "./scratch-database";

@Entity("greeting")
class Greeting {
  @PrimaryColumn({ type: "varchar", length: 40 })
  id: string;

  @Column({ type: "varchar", length: 100 })
  text: string;
}

const SUBSCRIPTIONS = { Greeted: ["support" as const] };
let publisher: DataSource;
let consumer: DataSource;
let server: Server | null = null;
let port = 0;
let relay: OutboxRelay;

async function startConsumer() {
  server = createHttpServer({
    internalRoutes: eventRoutes(consumer, {
      Greeted: async (manager, event) => {
        await manager.insert(Greeting, { id: `${event.id}`, text: String(event.payload.text) });
      },
    }),
  });
  port = await listen(server, port);
  setConfig({ subgraphUrls: { ...config().subgraphUrls, support: `http://127.0.0.1:${port}/graphql` } });
}
const stopConsumer = () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));

beforeAll(async () => {
  ({ dataSource: publisher } = await scratchDatabase("kit_outbox_pub", [OutboxEvent]));
  ({ dataSource: consumer } = await scratchDatabase("kit_outbox_sub", [AppliedEvent, Greeting]));
  relay = new OutboxRelay(publisher, 60_000);
  await startConsumer();
});
afterAll(async () => {
  await relay.stop();
  await stopConsumer();
  await publisher?.destroy();
  await consumer?.destroy();
});

const greet = (text: string, fail = false) =>
  publisher.transaction(async (manager) => {
    const event = await recordEvent(manager, SUBSCRIPTIONS, "Greeted", { text });
    if (fail) throw new Error("the change failed");
    return event;
  });

it("delivers a committed event once, and never one whose transaction rolled back", async () => {
  await expect(greet("lost", true)).rejects.toThrow("the change failed");
  const event = await greet("hello");
  expect(await relay.kick()).toBe(1);
  expect(await consumer.getRepository(Greeting).find()).toEqual([{ id: event.id, text: "hello" }]);
  expect((await publisher.getRepository(OutboxEvent).findOneByOrFail({ id: event.id })).deliveredAt).not.toBeNull();
  expect(await publisher.getRepository(OutboxEvent).count()).toBe(1);
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
  expect(await consumer.getRepository(Greeting).countBy({ text: "twice" })).toBe(1);
});

it("keeps events while the consumer is down and delivers them all when it is back", async () => {
  await stopConsumer();
  const events = [await greet("one"), await greet("two"), await greet("three")];
  await relay.kick();
  const pending = await publisher.getRepository(OutboxEvent).findBy({ deliveredAt: IsNull() });
  for (const event of events) {
    const row = await publisher.getRepository(OutboxEvent).findOneByOrFail({ id: event.id });
    expect(row).toMatchObject({ deliveredAt: null, attempts: 1, pending: ["support"] });
    expect(row.lastError).toMatch(/support/);
  }
  expect(pending.length).toBeGreaterThanOrEqual(3);

  await startConsumer();
  expect(await relay.drain()).toBe(0);
  const texts = (await consumer.getRepository(Greeting).find()).map((g) => g.text).sort();
  expect(texts).toEqual(["hello", "one", "three", "twice", "two"]);
});

it("refuses an unsigned event", async () => {
  const response = await fetch(`http://127.0.0.1:${port}/internal/${EVENTS_ROUTE}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ id: "x", type: "Greeted", payload: { text: "forged" } }),
  });
  expect(response.status).toBe(401);
  expect(await consumer.getRepository(Greeting).countBy({ text: "forged" })).toBe(0);
});
