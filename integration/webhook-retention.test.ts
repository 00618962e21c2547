import { callInternal, EVENTS_ROUTE } from "@partnergraph/kit";
import { CreateWebhookDocument, ReplayWebhookDocument } from "@partnergraph/operations";
import type { Stack } from "@partnergraph/scripts";
import { pruneWebhookEvents } from "@partnergraph/webhooks";
import { randomUUID } from "node:crypto";
import { Client, Seed, useStack } from "./testkit";

// The replay store (webhook_event) is pruned by age: WEBHOOK_EVENT_RETENTION_DAYS (30 by default), in batches.

let stack: Stack;
let seed: Seed;
let client: Client;
useStack((started) => ({ stack, seed, client } = started));

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
  // Nothing listens there: the deliveries' fate is not what this test watches, the replay store is.
  const { createWebhook } = await client.ok(customer.admin, CreateWebhookDocument, {
    input: { url: "http://127.0.0.1:9/hooks", eventTypes: ["TICKET_OPENED"] },
  });
  const id = createWebhook.webhook.id;
  const webhooks = stack.subgraphs.webhooks.url;
  for (const days of [45, 31, 40, 29, 1])
    expect(await callInternal(webhooks, EVENTS_ROUTE, ticketOpened(customer.id, days))).toEqual({ applied: true });
  const replayable = async () =>
    (await client.ok(customer.admin, ReplayWebhookDocument, { id, since: daysAgo(60) })).replayWebhook.queued;
  expect(await replayable()).toBe(5);

  const dataSource = stack.subgraphs.webhooks.dataSource;
  // Two at a time, one batch: the oldest two go; the next pass takes the third; nothing younger than 30 days goes.
  expect(await pruneWebhookEvents(dataSource, { batchSize: 2, maxBatches: 1 })).toBe(2);
  expect(await replayable()).toBe(3);
  expect(await pruneWebhookEvents(dataSource, { batchSize: 2 })).toBe(1);
  expect(await pruneWebhookEvents(dataSource, { batchSize: 2 })).toBe(0);
  expect(await replayable()).toBe(2);
  // A shorter retention, as an operator may set it, takes the 29-day-old one too.
  expect(await pruneWebhookEvents(dataSource, { retentionDays: 2 })).toBe(1);
  expect(await replayable()).toBe(1);
});
