import {
  CreateWebhookDocument,
  DeleteWebhookDocument,
  ReplayWebhookDocument,
  RotateWebhookSecretDocument,
  WebhooksDocument,
} from "@partnergraph/operations";
import type { Stack } from "@partnergraph/scripts";
import { dispatcherOf } from "@partnergraph/webhooks";
import { Client, Org, Receiver, Seed, useReceiver, useStack, verify } from "./testkit";

// Webhooks end to end: a real HTTP receiver on loopback, events from the connections subgraph's outbox, the
// webhooks subgraph's dispatcher signing and retrying, through the gateway on the contract's operations.

let stack: Stack;
let seed: Seed;
let client: Client;
let receiver: Receiver;
useStack((started) => ({ stack, seed, client } = started));
// One delivery at a time per endpoint, so arrival order is sending order (the replay's order is asserted).
useReceiver((up) => (receiver = up));
/** This file's webhooks: the only ones its drains send and count (files share the database). */
const subscribed: string[] = [];

/** Everything committed reaches the webhooks subgraph, then every due delivery is attempted. */
async function deliverAll(): Promise<number> {
  await stack.subgraphs.connections.relay!.drain();
  return dispatcherOf(stack.subgraphs.webhooks.dataSource)!.drain(subscribed);
}

async function subscribe(org: Org, path: string, eventTypes: string[]) {
  const { createWebhook } = await client.ok(org.admin, CreateWebhookDocument, {
    input: { url: receiver.url(path), eventTypes },
  });
  subscribed.push(createWebhook.webhook.id);
  return { id: createWebhook.webhook.id, secret: createWebhook.secret };
}

async function deliveries(org: Org, id: string) {
  const { webhooks } = await client.ok(org.admin, WebhooksDocument);
  return webhooks.find((w) => w.id === id)!.deliveries;
}

it("delivers each subscribed event, signed, once per event id; survives the receiver being down; replays since an instant, in order", async () => {
  const partner = await seed.partner();
  const [first, second] = [await seed.customer(), await seed.customer()];
  const bystander = await seed.partner();
  const p = `/partner-${partner.id}`;
  const c = `/customer-${first.id}`;
  const b = `/bystander-${bystander.id}`;
  const partnerHook = await subscribe(partner, p, ["CUSTOMER_CONNECTED", "CONNECTION_ENDED"]);
  const customerHook = await subscribe(first, c, ["CONNECTION_ENDED"]);
  await subscribe(bystander, b, ["CUSTOMER_CONNECTED", "CONNECTION_ENDED"]);

  const beforeAll = new Date();
  const connectionId = await seed.connect(partner, first);
  expect(await deliverAll()).toBe(0);
  expect(receiver.at(p).map((r) => r.event.type)).toEqual(["CUSTOMER_CONNECTED"]);
  expect(receiver.at(p)[0].event.data).toMatchObject({ connectionId, partnerId: partner.id, customerId: first.id });
  expect(receiver.at(c)).toEqual([]); // not subscribed to CUSTOMER_CONNECTED

  // The receiver goes away; the connection ends meanwhile: attempts fail, are logged, and wait.
  await receiver.down();
  const afterConnect = new Date();
  await client.ok(partner.admin, `mutation($id: ID!) { terminateConnection(id: $id) { id } }`, { id: connectionId });
  expect(await deliverAll()).toBe(2);
  const waiting = (await deliveries(partner, partnerHook.id)).edges[0].node;
  expect(waiting).toMatchObject({ eventType: "CONNECTION_ENDED", status: "PENDING", responseStatus: null });
  expect(waiting.attempts).toBeGreaterThanOrEqual(1);

  // Back: what waited arrives.
  await receiver.up();
  expect(await deliverAll()).toBe(0);
  expect(receiver.at(p).map((r) => r.event.type)).toEqual(["CUSTOMER_CONNECTED", "CONNECTION_ENDED"]);
  expect(receiver.at(c).map((r) => r.event.type)).toEqual(["CONNECTION_ENDED"]);
  const log = await deliveries(partner, partnerHook.id);
  expect(log.totalCount).toBe(2);
  expect(log.edges.map((e) => [e.node.eventType, e.node.status, e.node.responseStatus])).toEqual([
    ["CONNECTION_ENDED", "DELIVERED", 204],
    ["CUSTOMER_CONNECTED", "DELIVERED", 204],
  ]);

  await seed.connect(partner, second);
  expect(await deliverAll()).toBe(0);

  // Replay since before everything: the three events again, in the order they happened.
  const sent = receiver.at(p).map((r) => r.event.id);
  expect(sent).toHaveLength(3);
  const { replayWebhook } = await client.ok(partner.admin, ReplayWebhookDocument, {
    id: partnerHook.id,
    since: beforeAll.toISOString(),
  });
  expect(replayWebhook.queued).toBe(3);
  expect(await deliverAll()).toBe(0);
  expect(receiver.at(p).map((r) => r.event.id)).toEqual([...sent, ...sent]);
  // Since after the first connection: only what followed it.
  const { replayWebhook: later } = await client.ok(partner.admin, ReplayWebhookDocument, {
    id: partnerHook.id,
    since: afterConnect.toISOString(),
  });
  expect(later.queued).toBe(2);
  expect(await deliverAll()).toBe(0);
  expect(
    receiver
      .at(p)
      .map((r) => r.event.id)
      .slice(6),
  ).toEqual(sent.slice(1));

  // Every delivery verifies with its subscription's secret and carries its event id; de-duplicated by that id,
  // each event was seen exactly once per endpoint.
  for (const [path, secret] of [
    [p, partnerHook.secret],
    [c, customerHook.secret],
  ]) {
    for (const request of receiver.at(path)) {
      expect(verify(secret, request.signature, request.body)).toBe(true);
      expect(request.eventId).toBe(request.event.id);
    }
  }
  expect(new Set(receiver.at(p).map((r) => r.eventId)).size).toBe(3);
  expect(verify(customerHook.secret, receiver.at(p)[0].signature, receiver.at(p)[0].body)).toBe(false);
  // Nothing about others' connections reaches a bystander.
  expect(receiver.at(b)).toEqual([]);
});

it("signs with the new secret once rotated; another organization's webhooks are NOT_FOUND", async () => {
  const [partner, customer, stranger] = [await seed.partner(), await seed.customer(), await seed.partner()];
  const path = `/rotated-${partner.id}`;
  const hook = await subscribe(partner, path, ["CUSTOMER_CONNECTED"]);
  const { rotateWebhookSecret } = await client.ok(partner.admin, RotateWebhookSecretDocument, { id: hook.id });
  expect(rotateWebhookSecret.webhook.id).toBe(hook.id);
  await seed.connect(partner, customer);
  await deliverAll();
  const [delivered] = receiver.at(path);
  expect(verify(rotateWebhookSecret.secret, delivered.signature, delivered.body)).toBe(true);
  expect(verify(hook.secret, delivered.signature, delivered.body)).toBe(false);

  const { webhooks } = await client.ok(stranger.admin, WebhooksDocument);
  expect(webhooks.map((w) => w.id)).not.toContain(hook.id);
  for (const [document, variables] of [
    [RotateWebhookSecretDocument, { id: hook.id }],
    [ReplayWebhookDocument, { id: hook.id, since: new Date(0).toISOString() }],
    [DeleteWebhookDocument, { id: hook.id }],
  ] as const)
    expect((await client.error(stranger.admin, document as any, variables as any)).code).toBe("NOT_FOUND");
  // The customer's person acting for it sees none of the partner's webhooks either.
  expect((await client.ok(customer.admin, WebhooksDocument)).webhooks).toEqual([]);

  expect((await client.ok(partner.admin, DeleteWebhookDocument, { id: hook.id })).deleteWebhook).toBe(true);
  expect((await client.ok(partner.admin, WebhooksDocument)).webhooks).toEqual([]);
});
