import { callInternal, DayRetentionOptions, EVENTS_ROUTE, pruneOlderThanRetention } from "@partnergraph/kit";
import { CreateWebhookDocument, ReplayWebhookDocument } from "@partnergraph/operations";
import type { Stack } from "@partnergraph/scripts";
import { dispatcherOf, WEBHOOK_DELIVERY_RETENTION, WEBHOOK_EVENT_RETENTION } from "@partnergraph/webhooks";
import { randomUUID } from "node:crypto";
import { Client, Receiver, Seed, useReceiver, useStack } from "./testkit";

// The replay store (webhook_event) is pruned by age: WEBHOOK_EVENT_RETENTION_DAYS (30 by default), in batches.

let stack: Stack;
let seed: Seed;
let client: Client;
let receiver: Receiver;
useStack((started) => ({ stack, seed, client } = started));
useReceiver((up) => (receiver = up));

const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600 * 1000).toISOString();

/** A TicketOpened event as the support subgraph's relay delivers it, occurred `days` ago. */
function ticketOpened(organizationId: string, days: number) {
  const at = daysAgo(days);
  const ticketId = `TKT-${randomUUID().slice(0, 10)}`;
  return {
    id: randomUUID(),
    type: "TicketOpened",
    occurredAt: at,
    requestId: "retention",
    payload: {
      ticketId,
      number: `CS-${ticketId.slice(4, 12)}`,
      organizationId,
      serviceCode: null,
      severity: 3,
      status: "OPEN",
      title: `${days} days old`,
      openedAt: at,
    },
  };
}

it("keeps received events 30 days for replays, and removes older ones in bounded batches", async () => {
  const customer = await seed.customer();
  const path = `/retention-${customer.id}`;
  const { createWebhook } = await client.ok(customer.admin, CreateWebhookDocument, {
    input: { url: receiver.url(path), eventTypes: ["TICKET_OPENED"] },
  });
  const id = createWebhook.webhook.id;
  const webhooks = stack.subgraphs.webhooks.url;
  const ages = new Map<number, string>();
  for (const days of [45, 31, 40, 29, 1]) {
    const event = ticketOpened(customer.id, days);
    ages.set(days, event.id);
    expect(await callInternal(webhooks, EVENTS_ROUTE, event)).toEqual({ applied: true });
  }
  const dataSource = stack.subgraphs.webhooks.dataSource;
  const dispatcher = dispatcherOf(dataSource)!;
  await dispatcher.drain([id]);
  expect(receiver.at(path)).toHaveLength(5);
  const replayable = async () => {
    const queued = (await client.ok(customer.admin, ReplayWebhookDocument, { id, since: daysAgo(60) })).replayWebhook
      .queued;
    await dispatcher.drain([id]);
    return queued;
  };
  expect(await replayable()).toBe(5);

  const pruneEvents = (options: DayRetentionOptions) =>
    pruneOlderThanRetention(dataSource, WEBHOOK_EVENT_RETENTION, options);
  // Two at a time, one batch: the oldest two go; the next pass takes the third; nothing younger than 30 days goes.
  expect(await pruneEvents({ batchSize: 2, maxBatches: 1 })).toBe(2);
  expect(await replayable()).toBe(3);
  expect(await pruneEvents({ batchSize: 2 })).toBe(1);
  expect(await pruneEvents({ batchSize: 2 })).toBe(0);
  expect(await replayable()).toBe(2);
  // A shorter retention, as an operator may set it, takes the 29-day-old one too.
  expect(await pruneEvents({ retentionDays: 2 })).toBe(1);
  expect(await replayable()).toBe(1);

  // A replay queued just before its event was pruned: it ends FAILED, its log saying why, and nothing is sent.
  const sent = receiver.at(path).length;
  const now = new Date();
  await dataSource.getRepository("WebhookDelivery").insert({
    id: `WHD-${randomUUID().slice(0, 10)}`,
    webhookId: id,
    eventId: ages.get(45),
    eventType: "TICKET_OPENED",
    status: "PENDING",
    attempts: 0,
    nextAttemptAt: now,
    expiresAt: new Date(now.getTime() + 3_600_000),
    replay: true,
    createdAt: now,
  });
  await dispatcher.drain([id]);
  const { webhooks: listed } = await client.ok(
    customer.admin,
    `{ webhooks { deliveries(first: 1) { edges { node { eventId status attemptLog { error } } } } } }`,
  );
  expect(listed[0].deliveries.edges[0].node).toEqual({
    eventId: ages.get(45),
    status: "FAILED",
    attemptLog: [{ error: "the event is past its retention (WEBHOOK_EVENT_RETENTION_DAYS): nothing was sent" }],
  });
  expect(receiver.at(path)).toHaveLength(sent);
});

// The delivery log (webhook_delivery with its webhook_attempt rows) is pruned by age too:
// WEBHOOK_DELIVERY_RETENTION_DAYS (as long as the events by default), in batches, each delivery with its attempts.
it("keeps the delivery log 30 days, and removes older deliveries with their attempts in bounded batches", async () => {
  const customer = await seed.customer();
  const { createWebhook } = await client.ok(customer.admin, CreateWebhookDocument, {
    input: { url: receiver.url(`/log-${customer.id}`), eventTypes: ["TICKET_OPENED"] },
  });
  const webhookId = createWebhook.webhook.id;
  const dataSource = stack.subgraphs.webhooks.dataSource;
  const deliveries = dataSource.getRepository("WebhookDelivery");
  const attempts = dataSource.getRepository("WebhookAttempt");
  // Queued `days` ago, delivered at the third attempt (a minute apart).
  const ids = new Map<number, string>();
  for (const days of [45, 31, 40, 29, 1, 0]) {
    const createdAt = new Date(Date.now() - days * 24 * 3600 * 1000);
    const id = `WHD-${randomUUID().slice(0, 10)}`;
    ids.set(days, id);
    await deliveries.insert({
      id,
      webhookId,
      eventId: randomUUID(),
      eventType: "TICKET_OPENED",
      status: "DELIVERED",
      attempts: 3,
      nextAttemptAt: createdAt,
      expiresAt: new Date(createdAt.getTime() + 24 * 3600 * 1000),
      replay: false,
      createdAt,
    });
    for (let attempt = 0; attempt < 3; attempt++)
      await attempts.insert({
        deliveryId: id,
        attemptedAt: new Date(createdAt.getTime() + attempt * 60_000),
        durationMs: 5,
        responseStatus: attempt === 2 ? 204 : 503,
        error: null,
      });
  }
  const listed = async () => {
    const { webhooks } = await client.ok(
      customer.admin,
      `{ webhooks { deliveries(first: 10) { edges { node { id attemptLog { responseStatus } } } } } }`,
    );
    const nodes: { id: string; attemptLog: unknown[] }[] = webhooks[0].deliveries.edges.map(
      (edge: { node: unknown }) => edge.node,
    );
    return nodes.map((node) => [[...ids].find(([, id]) => id === node.id)![0], node.attemptLog.length]);
  };
  const pruneWebhookDeliveries = (options: DayRetentionOptions) =>
    pruneOlderThanRetention(dataSource, WEBHOOK_DELIVERY_RETENTION, options);
  const attemptsOf = async (days: number) => attempts.count({ where: { deliveryId: ids.get(days) } });
  expect(await listed()).toEqual([0, 1, 29, 40, 31, 45].map((days) => [days, 3]));

  // Two at a time, one batch (a pass cut short, as by a restart): the oldest two go with their attempts; the next
  // pass takes the third; nothing queued within 30 days goes.
  expect(await pruneWebhookDeliveries({ batchSize: 2, maxBatches: 1 })).toBe(2);
  expect([await attemptsOf(45), await attemptsOf(40), await attemptsOf(31)]).toEqual([0, 0, 3]);
  expect(await pruneWebhookDeliveries({ batchSize: 2 })).toBe(1);
  expect(await pruneWebhookDeliveries({ batchSize: 2 })).toBe(0);
  expect(await attemptsOf(31)).toBe(0);
  expect(await listed()).toEqual([0, 1, 29].map((days) => [days, 3]));
  // A shorter retention (WEBHOOK_EVENT_RETENTION_DAYS=2, which it follows) takes the 29-day-old one too.
  expect(await pruneWebhookDeliveries({ retentionDays: 2 })).toBe(1);
  expect(await listed()).toEqual([0, 1].map((days) => [days, 3]));
});
