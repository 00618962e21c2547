import { callInternal, EVENTS_ROUTE } from "@partnergraph/kit";
import { CreateWebhookDocument, ReplayWebhookDocument } from "@partnergraph/operations";
import type { Stack } from "@partnergraph/scripts";
import { dispatcherOf, pruneWebhookEvents } from "@partnergraph/webhooks";
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
  await dispatcher.drain();
  expect(receiver.at(path)).toHaveLength(5);
  const replayable = async () => {
    const queued = (await client.ok(customer.admin, ReplayWebhookDocument, { id, since: daysAgo(60) })).replayWebhook
      .queued;
    await dispatcher.drain();
    return queued;
  };
  expect(await replayable()).toBe(5);

  // Two at a time, one batch: the oldest two go; the next pass takes the third; nothing younger than 30 days goes.
  expect(await pruneWebhookEvents(dataSource, { batchSize: 2, maxBatches: 1 })).toBe(2);
  expect(await replayable()).toBe(3);
  expect(await pruneWebhookEvents(dataSource, { batchSize: 2 })).toBe(1);
  expect(await pruneWebhookEvents(dataSource, { batchSize: 2 })).toBe(0);
  expect(await replayable()).toBe(2);
  // A shorter retention, as an operator may set it, takes the 29-day-old one too.
  expect(await pruneWebhookEvents(dataSource, { retentionDays: 2 })).toBe(1);
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
  await dispatcher.drain();
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
