import * as ops from "@partnergraph/operations";
import type { Stack } from "@partnergraph/scripts";
import { dispatcherOf } from "@partnergraph/webhooks";
import { Client, Org, Receiver, Seed, useReceiver, useStack, verify } from "./testkit";

// The event types about a customer's data (trials, entitlements, orders, tickets, notifications), each from
// its owner subgraph's outbox to a real receiver on loopback: to the customer's own subscriptions, and to its
// partners' only while the connection is ACTIVE and the consent shares the event's area.

const CUSTOMER_DATA = [
  "TRIAL_STATE_CHANGED",
  "ENTITLEMENT_CHANGED",
  "ORDER_PLACED",
  "TICKET_OPENED",
  "TICKET_STATUS_CHANGED",
  "NOTIFICATION_CREATED",
];
const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`;
const SET_STATUS = `mutation($id: ID!, $status: TicketStatus!) { setTicketStatus(id: $id, status: $status) { status } }`;
const TERMINATE = `mutation($id: ID!) { terminateConnection(id: $id) { id } }`;

let stack: Stack;
let seed: Seed;
let client: Client;
let receiver: Receiver;
useStack((started) => ({ stack, seed, client } = started));
useReceiver((up) => (receiver = up));
/** This file's webhooks: the only ones its drains send and count (files share the database). */
const subscribed: string[] = [];

/** Everything committed reaches the webhooks subgraph (support's notifications come of others' events: twice). */
async function ingestAll(): Promise<void> {
  for (let round = 0; round < 2; round++)
    for (const name of ["connections", "entitlements", "support"] as const) await stack.subgraphs[name].relay!.drain();
}
const dispatcher = () => dispatcherOf(stack.subgraphs.webhooks.dataSource)!;
async function deliverAll(): Promise<number> {
  await ingestAll();
  return dispatcher().drain(subscribed);
}

async function subscribe(org: Org, path: string, eventTypes: string[]) {
  const { createWebhook } = await client.ok(org.admin, ops.CreateWebhookDocument, {
    input: { url: receiver.url(path), eventTypes },
  });
  subscribed.push(createWebhook.webhook.id);
  return { id: createWebhook.webhook.id, secret: createWebhook.secret };
}

const openTicket = (org: Org, title: string) =>
  client.ok(org.admin, ops.OpenTicketDocument, { input: { title, description: "It broke.", severity: 3 } });
const placeOrder = async (customer: Org, serviceCode: string) =>
  client.ok(await seed.vendorAdmin(), PLACE, {
    input: {
      customerId: customer.id,
      currency: "USD",
      lines: [{ serviceCode, quantity: 5, termMonths: 12, unitPrice: 10 }],
    },
  });

/** Each request verifies with the secret, carries its event id, and (de-duplicated by it) the types seen. */
function seenAt(path: string, secret: string): Map<string, string> {
  const byId = new Map<string, string>();
  for (const request of receiver.at(path)) {
    expect(verify(secret, request.signature, request.body)).toBe(true);
    expect(request.eventId).toBe(request.event.id);
    byId.set(request.event.id, request.event.type);
  }
  return byId;
}
const typesOf = (seen: Map<string, string>) => [...seen.values()].sort();

it("delivers each customer-data event type from its owner's outbox to the customer and its connected partner, signed, once per event id; nothing of a refused change", async () => {
  const [partner, customer, leaving] = [await seed.partner(), await seed.customer(), await seed.partner()];
  const bystander = await seed.partner();
  await seed.connect(partner, customer);
  const leavingId = await seed.connect(leaving, customer);
  await seed.administrator(customer, partner.admin);
  await deliverAll();
  const [c, p, b] = [`/c-${customer.id}`, `/p-${partner.id}`, `/b-${bystander.id}`];
  const customerHook = await subscribe(customer, c, CUSTOMER_DATA);
  const partnerHook = await subscribe(partner, p, CUSTOMER_DATA);
  await subscribe(bystander, b, CUSTOMER_DATA);

  // A trial the partner adds, an order the vendor books (an entitlement with it), a case opened and moved,
  // and a notice to the customer (another partner ended its connection).
  const { addService } = await client.ok(partner.admin, ops.AddServiceDocument, {
    customerId: customer.id,
    serviceCode: "SDWAN",
  });
  const { placeOrder: order } = await placeOrder(customer, "VAD");
  const { openTicket: ticket } = await openTicket(customer, "Cannot sign in");
  await client.ok(await seed.vendorAdmin(), SET_STATUS, { id: ticket.id, status: "IN_PROGRESS" });
  await client.ok(leaving.admin, TERMINATE, { id: leavingId });
  // Refused changes publish nothing: the same trial again (CONFLICT), a customer moving its case to IN_PROGRESS.
  expect(
    (await client.error(partner.admin, ops.AddServiceDocument, { customerId: customer.id, serviceCode: "SDWAN" })).code,
  ).toBe("CONFLICT");
  expect((await client.error(customer.admin, SET_STATUS, { id: ticket.id, status: "IN_PROGRESS" })).code).toBe(
    "BAD_USER_INPUT",
  );
  expect(await deliverAll()).toBe(0);

  const toCustomer = seenAt(c, customerHook.secret);
  const toPartner = seenAt(p, partnerHook.secret);
  expect(typesOf(toCustomer)).toEqual([...CUSTOMER_DATA].sort());
  // The partner sees what the customer shares (everything by default), plus its own notices (none here).
  expect(typesOf(toPartner)).toEqual([...CUSTOMER_DATA].sort());
  // Each event once per endpoint, even counted before de-duplication (nothing was retried here).
  expect(receiver.at(c)).toHaveLength(toCustomer.size);
  expect(receiver.at(p)).toHaveLength(toPartner.size);
  const data = (path: string, type: string) => receiver.at(path).find((r) => r.event.type === type)!.event.data;
  expect(data(c, "TRIAL_STATE_CHANGED")).toMatchObject({
    trialId: addService.id,
    organizationId: customer.id,
    status: "ACTIVE",
    addedByOrganizationId: partner.id,
  });
  expect(data(c, "ORDER_PLACED")).toMatchObject({ orderId: order.id, organizationId: customer.id });
  expect(data(c, "ENTITLEMENT_CHANGED")).toMatchObject({ orderId: order.id, serviceCode: "VAD", licenseCount: 5 });
  expect(data(p, "TICKET_STATUS_CHANGED")).toMatchObject({
    ticketId: ticket.id,
    previousStatus: "OPEN",
    status: "IN_PROGRESS",
  });
  expect(data(p, "NOTIFICATION_CREATED")).toMatchObject({
    organizationId: customer.id,
    relatedOrganizationId: leaving.id,
  });
  // Not connected: nothing about the customer.
  expect(receiver.at(b)).toEqual([]);
});

it("a partner's subscription stops receiving a customer's events of an area once the consent no longer shares it or the connection ends — also for deliveries already queued", async () => {
  const [partner, customer] = [await seed.partner(), await seed.customer()];
  const connectionId = await seed.connect(partner, customer);
  await deliverAll();
  const [c, p] = [`/narrow-c-${customer.id}`, `/narrow-p-${partner.id}`];
  const customerHook = await subscribe(customer, c, ["TICKET_OPENED", "ORDER_PLACED"]);
  const partnerHook = await subscribe(partner, p, ["TICKET_OPENED", "ORDER_PLACED"]);
  const titles = (path: string) => receiver.at(path).map((r) => r.event.data.title ?? r.event.type);

  await openTicket(customer, "shared");
  expect(await deliverAll()).toBe(0);
  expect(titles(p)).toEqual(["shared"]);

  // Queued while shared, sent after the consent narrowed to orders: withheld, never sent. (The receiver is down
  // meanwhile, so the dispatcher's own timer cannot deliver it before the consent narrows.)
  await receiver.down();
  await openTicket(customer, "queued before narrowing");
  await ingestAll();
  await client.ok(customer.admin, ops.SetPartnerConsentDocument, {
    connectionId,
    input: { areas: ["ORDERS"], until: null },
  });
  await receiver.up();
  await openTicket(customer, "after narrowing");
  await placeOrder(customer, "SPA");
  expect(await deliverAll()).toBe(0);
  expect(titles(p)).toEqual(["shared", "ORDER_PLACED"]);
  const { webhooks } = await client.ok(partner.admin, ops.WebhooksDocument);
  const statuses = webhooks.find((w) => w.id === partnerHook.id)!.deliveries.edges.map((e) => e.node.status);
  expect(statuses.sort()).toEqual(["DELIVERED", "DELIVERED", "WITHHELD"]);

  // Ended: not even orders, and a replay since the start sends nothing of the customer's again.
  const started = new Date(0).toISOString();
  await client.ok(partner.admin, TERMINATE, { id: connectionId });
  await placeOrder(customer, "ANALYTICS");
  await client.ok(partner.admin, ops.ReplayWebhookDocument, { id: partnerHook.id, since: started });
  expect(await deliverAll()).toBe(0);
  expect(titles(p)).toEqual(["shared", "ORDER_PLACED"]);

  // The customer's own subscription saw all of it.
  const own = seenAt(c, customerHook.secret);
  expect(typesOf(own)).toEqual(["ORDER_PLACED", "ORDER_PLACED", "TICKET_OPENED", "TICKET_OPENED", "TICKET_OPENED"]);
  seenAt(p, partnerHook.secret);
});

it("delivers a joint goal's milestones (GOAL_MILESTONE) to the partner's subscription, once each, signed", async () => {
  const [partner, customer, vendor] = [await seed.partner(), await seed.customer(), await seed.vendorAdmin()];
  const path = `/goal-${partner.id}`;
  const hook = await subscribe(partner, path, ["GOAL_MILESTONE"]);
  const day = 86_400_000;
  const { createJointGoal } = await client.ok(
    vendor,
    `mutation($input: CreateJointGoalInput!) { createJointGoal(input: $input) { id } }`,
    {
      input: {
        partnerId: partner.id,
        metric: "BOOKINGS",
        target: 100,
        periodStart: new Date(Date.now() - day).toISOString(),
        periodEnd: new Date(Date.now() + day).toISOString(),
        reward: { kind: "POINTS", amount: 1 },
      },
    },
  );
  await client.ok(partner.admin, `mutation($id: ID!) { agreeJointGoal(id: $id) { id } }`, { id: createJointGoal.id });
  for (const amount of ["60.00", "50.00"])
    await client.ok(vendor, PLACE, {
      input: {
        customerId: customer.id,
        currency: "USD",
        resellerId: partner.id,
        lines: [{ serviceCode: "VAD", quantity: 1, termMonths: 1, unitPrice: amount }],
      },
    });
  expect(await deliverAll()).toBe(0);
  const seen = seenAt(path, hook.secret);
  expect(typesOf(seen)).toEqual(["GOAL_MILESTONE", "GOAL_MILESTONE"]);
  expect(receiver.at(path).map((r) => [r.event.data.goalId, r.event.data.milestone])).toEqual([
    [createJointGoal.id, 50],
    [createJointGoal.id, 100],
  ]);
});

it("delivers a partner's requests to resell (asked, decided, withdrawn, revoked) to its own subscriptions only, signed", async () => {
  const [partner, bystander, vendor] = [await seed.partner(), await seed.partner(), await seed.vendorAdmin()];
  const RESELL = ["RESELL_REQUESTED", "RESELL_DECIDED", "RESELL_WITHDRAWN", "RESELL_REVOKED"];
  const [path, elsewhere] = [`/resell-${partner.id}`, `/resell-${bystander.id}`];
  const hook = await subscribe(partner, path, RESELL);
  await subscribe(bystander, elsewhere, RESELL);
  const ask = async (serviceCode: string) =>
    (await client.ok(partner.admin, ops.RegisterToResellDocument, { serviceCode })).registerToResell.id;
  const approved = await ask("SDWAN");
  await client.ok(vendor, ops.ApproveResellRegistrationDocument, { id: approved });
  await client.ok(vendor, ops.RevokeResellRegistrationDocument, { id: approved, reason: "Lapsed certification" });
  const withdrawn = await ask("VAD");
  await client.ok(partner.admin, ops.WithdrawResellRegistrationDocument, { id: withdrawn });
  expect(await deliverAll()).toBe(0);
  seenAt(path, hook.secret);
  // In order per request (its events' aggregate); two requests' events may interleave.
  const typesFor = (id: string) =>
    receiver
      .at(path)
      .filter((r) => r.event.data.registrationId === id)
      .map((r) => r.event.type);
  expect(typesFor(approved)).toEqual(["RESELL_REQUESTED", "RESELL_DECIDED", "RESELL_REVOKED"]);
  expect(typesFor(withdrawn)).toEqual(["RESELL_REQUESTED", "RESELL_WITHDRAWN"]);
  expect(receiver.at(path)).toHaveLength(5);
  expect(receiver.at(path).find((r) => r.event.type === "RESELL_REVOKED")!.event.data).toMatchObject({
    partnerId: partner.id,
    reason: "Lapsed certification",
  });
  expect(receiver.at(elsewhere)).toEqual([]);
});
