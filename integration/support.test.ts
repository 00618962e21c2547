import { Caller, callInternal, CONTEXT_HEADER, newId, signContext } from "@partnergraph/kit";
import type { Stack } from "@partnergraph/scripts";

import { randomUUID } from "node:crypto";

import { CERTIFIABLE_PRODUCTS } from "../subgraphs/support/src/agreement/certified-products";
import { Client, Org, post, revealed, Seed, useStack } from "./testkit";
import * as ops from "@partnergraph/operations";

// The contract's PartnerSupportAgreement also asks user { email }: that needs identity to expose its User type
// (today only support declares User, as a stub). Until then the same selection without email.
const AGREEMENT = `query { partnerSupportAgreement { id tier periodStart periodEnd incidentsPurchased incidentsUsed canRequestCaseReview annualFee currency mandatory responseTargets { severity hours } namedContacts { pin certifiedProducts user { id } } } }`;
const TICKETS = `query($id: ID!, $status: TicketStatus, $severity: Int, $first: Int = 20, $after: String) {
  organization(id: $id) { id tickets(status: $status, severity: $severity, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id number title severity status language service { code } openedBy { id } } } } } }`;
const NOTIFICATIONS = `query($id: ID!, $includeDismissed: Boolean = false) {
  organization(id: $id) { id notifications(first: 20, includeDismissed: $includeDismissed) { totalCount edges { node { id category title dismissed relatedOrganization { id } } } } } }`;
const CONTACTS = `query($id: ID!) { organization(id: $id) { id contacts { id role assigned user { id } } } }`;
const NAME_CONTACT = `mutation($input: NameContactInput!) { nameContact(input: $input) { id role assigned user { id } } }`;
const ME = `query { me { id } }`;

let stack: Stack;
let seed: Seed;
let client: Client;
useStack((started) => ({ stack, seed, client } = started));

/** Let whatever the connections subgraph published (ConnectionMade on connect) arrive before counting. */
const settle = async () => {
  await stack.subgraphs.connections.relay?.drain();
};

const userIdOf = async (actor: { token: string; organizationId?: string }) =>
  (await client.ok(actor, ME)).me.id as string;

/** Delivers an event to support the way the relay does: signed, to its /internal/events route. */
const deliver = (type: string, payload: Record<string, unknown>, id = randomUUID()) =>
  callInternal<{ applied: boolean }>(stack.subgraphs.support.url, "events", {
    id,
    type,
    payload,
    occurredAt: new Date().toISOString(),
  });

const expiry = (organizationId: string) => ({
  organizationId,
  kind: "TRIAL",
  itemId: newId("TRL"),
  serviceCode: "SDWAN",
  serviceName: "SD-WAN Orchestrator",
  endsAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
});

/** A caller as the gateway would forward it, for requests straight to the subgraph. */
function callerOf(org: { id: string } | null, overrides: Partial<Caller> = {}): Caller {
  return {
    userId: newId("USR"),
    email: "someone@test.example",
    displayName: "Someone",
    homeOrganizationId: org?.id ?? null,
    organizationId: org?.id ?? null,
    role: "ADMIN",
    grantAccess: null,
    grantServiceCodes: [],
    isPartner: false,
    isVendorAdmin: false,
    ...overrides,
  };
}

/** `_entities` sent straight to support, skipping the gateway, with a signed context (or none). */
function entities(
  caller: Caller | null,
  representations: { __typename: string; id: string }[],
  selection: string,
  signed = true,
) {
  const headers: Record<string, string> = signed
    ? { [CONTEXT_HEADER]: signContext({ requestId: randomUUID(), caller, issuedAt: Date.now() }) }
    : {};
  return post(
    stack.subgraphs.support.url,
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id ${selection} } } }`,
    { r: representations },
    {},
    headers,
  );
}

const openTicket = (actor: Org["admin"] | { token: string; organizationId?: string }, input: Record<string, unknown>) =>
  client.ok(actor, ops.OpenTicketDocument, {
    input: { title: "Tunnel drops", description: "Every night at 2am", severity: 2, ...input },
  });

describe("tickets", () => {
  it("are opened by the customer's administrators, numbered, OPEN, in English by default", async () => {
    const customer = await seed.customer();
    const { openTicket: ticket } = await openTicket(customer.admin, { serviceCode: "SDWAN", severity: 1 });
    expect(ticket).toMatchObject({ severity: 1, status: "OPEN" });
    expect(ticket.id).toMatch(/^TKT-[0-9A-Z]{10}$/);
    expect(ticket.number).toMatch(/^CS-[0-9A-Z]{8}$/);
    const { organization } = await client.ok(customer.admin, TICKETS, { id: customer.id });
    expect(organization.tickets.totalCount).toBe(1);
    expect(organization.tickets.edges[0].node).toMatchObject({
      number: ticket.number,
      language: "en",
      service: { code: "SDWAN" },
      openedBy: { id: await userIdOf(customer.admin) },
    });
  });

  it.each([
    [{ severity: 0 }, "severity"],
    [{ severity: 5 }, "severity"],
    [{ language: "it" }, "language"],
    [{ title: "  " }, "title"],
    [{ serviceCode: "not a code" }, "serviceCode"],
  ])("refuses %j naming the field, and writes nothing", async (input, field) => {
    const customer = await seed.customer();
    const failure = await client.error(customer.admin, ops.OpenTicketDocument, {
      input: { title: "T", description: "D", severity: 2, ...input },
    });
    expect(failure).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect((await client.ok(customer.admin, TICKETS, { id: customer.id })).organization.tickets.totalCount).toBe(0);
  });

  it("takes German, French and Spanish", async () => {
    const customer = await seed.customer();
    for (const language of ["de", "fr", "es"]) await openTicket(customer.admin, { language });
    const { organization } = await client.ok(customer.admin, TICKETS, { id: customer.id });
    expect(organization.tickets.edges.map((e: any) => e.node.language).sort()).toEqual(["de", "es", "fr"]);
  });

  it("are opened by named technical contacts only, besides administrators — also a partner's person acting for the customer", async () => {
    const customer = await seed.customer();
    const member = await seed.member(customer);
    expect(
      (await client.error(member, ops.OpenTicketDocument, { input: { title: "T", description: "D", severity: 3 } }))
        .code,
    ).toBe("FORBIDDEN");

    await client.ok(customer.admin, NAME_CONTACT, { input: { userId: await userIdOf(member), role: "TECHNICAL" } });
    expect((await openTicket(member, {})).openTicket.status).toBe("OPEN");

    // A partner's person, named technical contact by the customer, opens a case for it.
    const partner = await seed.partner();
    await client.ok(customer.admin, NAME_CONTACT, {
      input: { userId: await userIdOf(partner.admin), role: "TECHNICAL" },
    });
    await openTicket(partner.admin, { organizationId: customer.id });
    // …but not for a customer that did not name them.
    const other = await seed.customer();
    expect(
      (
        await client.error(partner.admin, ops.OpenTicketDocument, {
          input: { title: "T", description: "D", severity: 3, organizationId: other.id },
        })
      ).code,
    ).toBe("FORBIDDEN");
    expect((await client.ok(customer.admin, TICKETS, { id: customer.id })).organization.tickets.totalCount).toBe(2);
  });

  it("are seen by a connected partner, filtered by status and severity, page by page", async () => {
    const partner = await seed.partner();
    const customer = await seed.customer();
    await seed.connect(partner, customer);
    for (const severity of [1, 2, 2, 3, 4]) await openTicket(customer.admin, { severity });
    const { organization: all } = await client.ok(customer.admin, TICKETS, { id: customer.id });
    await client.ok(
      await seed.vendorAdmin(),
      `mutation($id: ID!) { setTicketStatus(id: $id, status: CLOSED) { status } }`,
      { id: all.tickets.edges[0].node.id },
    );

    const open = (await client.ok(partner.admin, TICKETS, { id: customer.id, status: "OPEN" })).organization.tickets;
    expect(open.totalCount).toBe(4);
    const sev2 = (await client.ok(partner.admin, TICKETS, { id: customer.id, severity: 2 })).organization.tickets;
    expect(sev2.totalCount).toBe(2);
    expect(sev2.edges.every((e: any) => e.node.severity === 2)).toBe(true);

    const first = (await client.ok(partner.admin, TICKETS, { id: customer.id, first: 2 })).organization.tickets;
    expect(first).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: true } });
    const second = (
      await client.ok(partner.admin, TICKETS, { id: customer.id, first: 2, after: first.pageInfo.endCursor })
    ).organization.tickets;
    const third = (
      await client.ok(partner.admin, TICKETS, { id: customer.id, first: 2, after: second.pageInfo.endCursor })
    ).organization.tickets;
    expect(third.pageInfo.hasNextPage).toBe(false);
    const ids = [...first.edges, ...second.edges, ...third.edges].map((e) => e.node.id);
    expect(new Set(ids).size).toBe(5);
    expect(ids).toEqual(all.tickets.edges.map((e: any) => e.node.id));
  });

  it("may be resolved or closed by the customer; other statuses are the vendor's", async () => {
    const customer = await seed.customer();
    const { openTicket: ticket } = await openTicket(customer.admin, {});
    const set = `mutation($id: ID!, $status: TicketStatus!) { setTicketStatus(id: $id, status: $status) { status } }`;
    expect(await client.error(customer.admin, set, { id: ticket.id, status: "IN_PROGRESS" })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "status",
    });
    expect(
      (await client.ok(await seed.vendorAdmin(), set, { id: ticket.id, status: "WAITING_ON_CUSTOMER" })).setTicketStatus
        .status,
    ).toBe("WAITING_ON_CUSTOMER");
    expect((await client.ok(customer.admin, set, { id: ticket.id, status: "CLOSED" })).setTicketStatus.status).toBe(
      "CLOSED",
    );
    expect((await client.error(customer.admin, set, { id: ticket.id, status: "RESOLVED" })).code).toBe("CONFLICT");
  });
});

describe("no cross-tenant read", () => {
  let partner: Org, customer: Org, stranger: Org, other: Org, former: Org;
  beforeAll(async () => {
    [partner, customer, stranger, other, former] = await Promise.all([
      seed.partner(),
      seed.customer(),
      seed.partner(),
      seed.customer(),
      seed.partner(),
    ]);
    await seed.connect(partner, customer);
    const connectionId = await seed.connect(former, customer);
    await openTicket(customer.admin, {});
    await deliver("ExpiryApproaching", expiry(customer.id));
    await client.ok(customer.admin, NAME_CONTACT, { input: { userId: newId("USR"), role: "RENEWAL" } });
    await client.ok(former.admin, `mutation($id: ID!) { terminateConnection(id: $id) { id } }`, { id: connectionId });
    await settle();
  });
  const selection = "tickets { totalCount } notifications { totalCount } contacts { role }";

  it("lets the customer and its connected partner read, straight to the subgraph", async () => {
    const mine = await entities(callerOf(customer), [{ __typename: "Organization", id: customer.id }], selection);
    // Notifications: the trial expiry, and the former partner's ending the connection (published by connections).
    expect(mine.data?._entities[0]).toMatchObject({
      tickets: { totalCount: 1 },
      notifications: { totalCount: 2 },
      contacts: [{ role: "RENEWAL" }],
    });
    const connected = await entities(
      callerOf(partner, { isPartner: true }),
      [{ __typename: "Organization", id: customer.id }],
      selection,
    );
    expect(connected.errors).toBeUndefined();
    expect(connected.data?._entities[0].tickets.totalCount).toBe(1);
  });

  it.each([
    ["an unconnected partner", () => callerOf(stranger, { isPartner: true })],
    ["a former partner", () => callerOf(former, { isPartner: true })],
    ["another customer", () => callerOf(other)],
    ["a connected partner whose badge has lapsed", () => callerOf(partner, { isPartner: false })],
  ])("refuses %s through _entities", async (_label, caller) => {
    for (const field of ["tickets { totalCount }", "notifications { totalCount }", "contacts { role }"]) {
      const response = await entities(caller(), [{ __typename: "Organization", id: customer.id }], field);
      expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect(revealed(response.data?._entities?.[0])).toEqual({});
    }
  });

  it("refuses a call without a signed context", async () => {
    const response = await entities(
      callerOf(customer),
      [{ __typename: "Organization", id: customer.id }],
      selection,
      false,
    );
    expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(response.data).toBeUndefined();
  });

  it("refuses a former partner through the gateway the very next request", async () => {
    const failure = await client.error(former.admin, TICKETS, { id: customer.id });
    expect(failure.code).toBe("FORBIDDEN");
  });

  it("hides another customer's ticket and notification by id", async () => {
    const { organization } = await client.ok(
      customer.admin,
      `query($id: ID!) { organization(id: $id) { tickets { edges { node { id } } } notifications { edges { node { id } } } } }`,
      { id: customer.id },
    );
    const ticketId = organization.tickets.edges[0].node.id;
    expect(
      (await client.error(other.admin, `query($id: ID!) { supportTicket(id: $id) { id } }`, { id: ticketId })).code,
    ).toBe("NOT_FOUND");
    expect(
      (
        await client.error(stranger.admin, ops.DismissNotificationDocument, {
          id: organization.notifications.edges[0].node.id,
        })
      ).code,
    ).toBe("NOT_FOUND");
    const direct = await post(
      stack.subgraphs.support.url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on SupportTicket { id title } } }`,
      { r: [{ __typename: "SupportTicket", id: ticketId }] },
      {},
      { [CONTEXT_HEADER]: signContext({ requestId: randomUUID(), caller: callerOf(other), issuedAt: Date.now() }) },
    );
    expect(direct.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});

describe("notifications", () => {
  it("a partner's dismissal hides it for that partner only: the customer still sees it", async () => {
    const partner = await seed.partner();
    const customer = await seed.customer();
    await seed.connect(partner, customer);
    await deliver("ExpiryApproaching", expiry(customer.id));
    await deliver("ExpiryApproaching", { ...expiry(customer.id), kind: "ENTITLEMENT", serviceName: "Analytics" });

    const seen = (await client.ok(partner.admin, NOTIFICATIONS, { id: customer.id })).organization.notifications;
    expect(seen.totalCount).toBe(2);
    expect(seen.edges.map((e: any) => e.node.category).sort()).toEqual(["ENTITLEMENT_EXPIRING", "TRIAL_EXPIRING"]);
    const trial = seen.edges.find((e: any) => e.node.category === "TRIAL_EXPIRING").node;
    expect(trial).toMatchObject({ title: "A trial ends soon", dismissed: false });

    expect(
      (await client.ok(partner.admin, ops.DismissNotificationDocument, { id: trial.id })).dismissNotification,
    ).toEqual({
      id: trial.id,
      dismissed: true,
    });
    // Dismissing twice is harmless.
    await client.ok(partner.admin, ops.DismissNotificationDocument, { id: trial.id });

    const partnerView = (await client.ok(partner.admin, NOTIFICATIONS, { id: customer.id })).organization.notifications;
    expect(partnerView.totalCount).toBe(1);
    expect(partnerView.edges[0].node.category).toBe("ENTITLEMENT_EXPIRING");
    const withDismissed = (await client.ok(partner.admin, NOTIFICATIONS, { id: customer.id, includeDismissed: true }))
      .organization.notifications;
    expect(withDismissed.edges.find((e: any) => e.node.id === trial.id).node.dismissed).toBe(true);

    const customerView = (await client.ok(customer.admin, ops.MyNotificationsDocument)).myNotifications;
    expect(customerView.totalCount).toBe(2);
    expect(customerView.edges.find((e) => e.node.id === trial.id)?.node).toMatchObject({
      dismissed: false,
      organization: { id: customer.id },
    });
  });

  it("tell the partner when a customer connects and when the customer ends it, and the customer when the partner ends it", async () => {
    const partner = await seed.partner();
    const customer = await seed.customer();
    const connectionId = newId("CON");
    const base = { connectionId, partnerId: partner.id, customerId: customer.id };
    await deliver("ConnectionMade", { ...base, origin: "INVITATION", connectedAt: new Date().toISOString() });
    await deliver("ConnectionEnded", {
      ...base,
      terminatedBy: "CUSTOMER",
      terminatedByUserId: newId("USR"),
      terminatedAt: new Date().toISOString(),
    });
    const mine = (await client.ok(partner.admin, ops.MyNotificationsDocument)).myNotifications;
    expect(mine.totalCount).toBe(2);
    expect(mine.edges.map((e) => [e.node.category, e.node.title]).sort()).toEqual([
      ["CONNECTION_ENDED_BY_CUSTOMER", "A customer ended the connection"],
      ["CUSTOMER_CONNECTED", "A customer connected"],
    ]);
    const related = (
      await client.ok(partner.admin, `query { myNotifications { edges { node { relatedOrganization { id } } } } }`)
    ).myNotifications;
    expect(related.edges.map((e: any) => e.node.relatedOrganization.id)).toEqual([customer.id, customer.id]);
    expect((await client.ok(customer.admin, ops.MyNotificationsDocument)).myNotifications.totalCount).toBe(0);

    await deliver("ConnectionEnded", {
      ...base,
      terminatedBy: "PARTNER",
      terminatedByUserId: newId("USR"),
      terminatedAt: new Date().toISOString(),
    });
    const customers = (await client.ok(customer.admin, ops.MyNotificationsDocument)).myNotifications;
    expect(customers.edges.map((e) => e.node.title)).toEqual(["A partner ended the connection"]);
    expect((await client.ok(partner.admin, ops.MyNotificationsDocument)).myNotifications.totalCount).toBe(2);
  });

  it("tell the partner, through the connections outbox, when a customer accepts its invitation", async () => {
    const partner = await seed.partner();
    const customer = await seed.customer();
    await seed.connect(partner, customer);
    await settle();
    const mine = (
      await client.ok(
        partner.admin,
        `query { myNotifications { totalCount edges { node { category title relatedOrganization { id } } } } }`,
      )
    ).myNotifications;
    expect(mine).toEqual({
      totalCount: 1,
      edges: [
        {
          node: {
            category: "CUSTOMER_CONNECTED",
            title: "A customer connected",
            relatedOrganization: { id: customer.id },
          },
        },
      ],
    });
  });

  it("an event delivered twice makes one notification", async () => {
    const partner = await seed.partner();
    const customer = await seed.customer();
    const id = randomUUID();
    const payload = {
      connectionId: newId("CON"),
      partnerId: partner.id,
      customerId: customer.id,
      origin: "INVITATION",
      connectedAt: new Date().toISOString(),
    };
    expect(await deliver("ConnectionMade", payload, id)).toEqual({ applied: true });
    expect(await deliver("ConnectionMade", payload, id)).toEqual({ applied: false });
    expect((await client.ok(partner.admin, ops.MyNotificationsDocument)).myNotifications.totalCount).toBe(1);
  });

  it("pages the acting organization's own, newest first", async () => {
    const customer = await seed.customer();
    for (let i = 0; i < 3; i++) await deliver("ExpiryApproaching", expiry(customer.id));
    const page = `query($after: String) { myNotifications(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    const first = (await client.ok(customer.admin, page)).myNotifications;
    expect(first).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const second = (await client.ok(customer.admin, page, { after: first.pageInfo.endCursor })).myNotifications;
    expect(second.edges.length).toBe(1);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(new Set([...first.edges, ...second.edges].map((e) => e.node.id)).size).toBe(3);
  });
});

describe("contacts", () => {
  it("named by customer administrators only; a partner's person may be named and removed", async () => {
    const customer = await seed.customer();
    const member = await seed.member(customer);
    const partner = await seed.partner();
    const partnerUser = await userIdOf(partner.admin);
    expect((await client.error(member, NAME_CONTACT, { input: { userId: partnerUser, role: "TECHNICAL" } })).code).toBe(
      "FORBIDDEN",
    );
    expect(
      await client.error(customer.admin, NAME_CONTACT, { input: { userId: "nobody", role: "TECHNICAL" } }),
    ).toMatchObject({ code: "BAD_USER_INPUT", field: "userId" });

    const { nameContact } = await client.ok(customer.admin, NAME_CONTACT, {
      input: { userId: partnerUser, role: "CONTRACT_ADMINISTRATION" },
    });
    expect(nameContact).toMatchObject({ role: "CONTRACT_ADMINISTRATION", assigned: false, user: { id: partnerUser } });
    expect(
      (
        await client.error(customer.admin, NAME_CONTACT, {
          input: { userId: partnerUser, role: "CONTRACT_ADMINISTRATION" },
        })
      ).code,
    ).toBe("CONFLICT");

    const remove = `mutation($id: ID!) { removeContact(id: $id) { id } }`;
    expect((await client.error(partner.admin, remove, { id: nameContact.id })).code).toBe("NOT_FOUND");
    await client.ok(customer.admin, remove, { id: nameContact.id });
    expect((await client.ok(customer.admin, CONTACTS, { id: customer.id })).organization.contacts).toEqual([]);
  });

  it("assigns the most frequent contact as renewal contact while none is named", async () => {
    const customer = await seed.customer();
    const busy = await seed.member(customer);
    const quiet = await seed.member(customer);
    const [busyId, quietId] = [await userIdOf(busy), await userIdOf(quiet)];
    await client.ok(customer.admin, NAME_CONTACT, { input: { userId: quietId, role: "TECHNICAL" } });
    await client.ok(customer.admin, NAME_CONTACT, { input: { userId: busyId, role: "TECHNICAL" } });
    await openTicket(busy, {});
    await openTicket(busy, {});
    await openTicket(quiet, {});

    const before = (await client.ok(customer.admin, CONTACTS, { id: customer.id })).organization.contacts;
    expect(before.map((c: any) => [c.role, c.user.id, c.assigned])).toEqual([
      ["TECHNICAL", quietId, false],
      ["TECHNICAL", busyId, false],
      ["RENEWAL", busyId, true],
    ]);
    expect(before[2].id).toBeNull();

    await client.ok(customer.admin, NAME_CONTACT, { input: { userId: quietId, role: "RENEWAL" } });
    const after = (await client.ok(customer.admin, CONTACTS, { id: customer.id })).organization.contacts;
    expect(after.filter((c: any) => c.role === "RENEWAL")).toEqual([
      expect.objectContaining({ assigned: false, user: { id: quietId } }),
    ]);
  });
});

describe("partner support agreements", () => {
  const CREATE = `mutation($input: CreatePartnerSupportAgreementInput!) { createPartnerSupportAgreement(input: $input) { id tier periodStart periodEnd incidentsPurchased incidentsUsed annualFee currency mandatory } }`;
  const NAME = `mutation($input: NameSupportContactInput!) { nameSupportContact(input: $input) { pin certifiedProducts user { id } } }`;
  const PACK = `mutation($input: PurchaseIncidentPackInput!) { purchaseIncidentPack(input: $input) { id incidentsPurchased incidentsUsed } }`;
  const CASE = `mutation($input: OpenPartnerSupportCaseInput!) { openPartnerSupportCase(input: $input) { id } }`;
  const BUG = `mutation($id: ID!) { markSupportCaseProductBug(id: $id) { productBug } }`;
  const REVIEW = `mutation { requestCaseReview { incidentsPurchased incidentsUsed canRequestCaseReview } }`;
  const AGREEMENTS = `query($id: ID!) { partnerSupportAgreements(partnerId: $id) { id namedContacts { user { id } } } }`;
  const yearsFromNow = (years: number) => new Date(Date.now() + years * 365 * 86_400_000).toISOString();

  /** A partner holding `tier` since `startsAt` (identity decides the tier an agreement may have). */
  async function partnerSince(tier: string | null, startsAt: string, program = "SOLUTION_ADVISOR") {
    const partner = await seed.organization();
    await client.ok(
      await seed.vendorAdmin(),
      `mutation($input: GrantProgramMembershipInput!) { grantProgramMembership(input: $input) { id } }`,
      {
        input: { organizationId: partner.id, program, tier, startsAt },
      },
    );
    return partner;
  }

  /** The vendor records the person's current certifications, by catalog product name, as identity keeps them. */
  async function certify(userId: string, ...products: string[]) {
    for (const product of products) {
      await client.ok(
        await seed.vendorAdmin(),
        `mutation($input: RecordCertificationInput!) { recordCertification(input: $input) { id } }`,
        {
          input: { userId, product, level: "Professional", achievedAt: yearsFromNow(-1), expiresAt: yearsFromNow(1) },
        },
      );
    }
    return userId;
  }

  async function agreement(tier = "GOLD", input: Record<string, unknown> = {}) {
    const partner = await partnerSince(tier, yearsFromNow(-3));
    const { createPartnerSupportAgreement } = await client.ok(await seed.vendorAdmin(), CREATE, {
      input: { partnerId: partner.id, tier, ...input },
    });
    return { partner, agreement: createPartnerSupportAgreement };
  }

  it("is created by the vendor admin only; Gold is mandatory at USD 3,500 with response targets, Silver optional", async () => {
    const partner = await seed.partner();
    expect((await client.error(partner.admin, CREATE, { input: { partnerId: partner.id, tier: "GOLD" } })).code).toBe(
      "FORBIDDEN",
    );
    expect(
      await client.error(await seed.vendorAdmin(), CREATE, {
        input: { partnerId: partner.id, tier: "GOLD", annualFee: 100 },
      }),
    ).toMatchObject({ code: "BAD_USER_INPUT", field: "annualFee" });

    const { agreement: gold } = await agreement("GOLD");
    expect(gold).toMatchObject({
      tier: "GOLD",
      incidentsPurchased: 10,
      incidentsUsed: 0,
      annualFee: 350_000,
      currency: "USD",
      mandatory: true,
    });
    const { agreement: silver } = await agreement("SILVER", { annualFee: 120_000 });
    expect(silver).toMatchObject({ tier: "SILVER", annualFee: 120_000, mandatory: false });
    const tiers = (
      await client.ok(
        partner.admin,
        `query { partnerSupportTiers { tier mandatory annualFee responseTargets { severity hours } } }`,
      )
    ).partnerSupportTiers;
    expect(tiers.find((t: any) => t.tier === "GOLD")).toMatchObject({
      mandatory: true,
      annualFee: 350_000,
      responseTargets: [
        { severity: 1, hours: 2 },
        { severity: 2, hours: 4 },
        { severity: 3, hours: 8 },
        { severity: 4, hours: 24 },
      ],
    });
    expect(tiers.find((t: any) => t.tier === "PLATINUM").responseTargets[0]).toEqual({ severity: 1, hours: 1 });
    expect(tiers.find((t: any) => t.tier === "SILVER")).toMatchObject({ mandatory: false, responseTargets: [] });
  });

  it("takes the tier from identity: a tier the partner does not hold, or a partner with no active membership at periodStart, is refused and nothing is written", async () => {
    const vendor = await seed.vendorAdmin();
    const gold = await partnerSince("GOLD", yearsFromNow(-0.5));
    const mismatch = await client.error(vendor, CREATE, { input: { partnerId: gold.id, tier: "SILVER" } });
    expect(mismatch).toMatchObject({ code: "BAD_USER_INPUT", field: "tier" });
    expect(mismatch.message).toContain(`${gold.id} holds GOLD`);
    expect(await client.error(vendor, CREATE, { input: { partnerId: gold.id, tier: "PLATINUM" } })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "tier",
    });
    // Before the membership began, the partner held nothing.
    expect(
      await client.error(vendor, CREATE, {
        input: { partnerId: gold.id, tier: "GOLD", periodStart: yearsFromNow(-1) },
      }),
    ).toMatchObject({ code: "BAD_USER_INPUT", field: "partnerId" });
    expect((await client.ok(vendor, AGREEMENTS, { id: gold.id })).partnerSupportAgreements).toEqual([]);
    // The tier it holds is taken.
    expect(
      (await client.ok(vendor, CREATE, { input: { partnerId: gold.id, tier: "GOLD" } })).createPartnerSupportAgreement,
    ).toMatchObject({ tier: "GOLD" });

    const customer = await seed.customer();
    expect(await client.error(vendor, CREATE, { input: { partnerId: customer.id, tier: "GOLD" } })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "partnerId",
    });
    const untiered = await partnerSince(null, yearsFromNow(-1), "SERVICE_PROVIDER");
    expect(await client.error(vendor, CREATE, { input: { partnerId: untiered.id, tier: "SILVER" } })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "tier",
    });
    const revoked = await partnerSince("GOLD", yearsFromNow(-1));
    const [membership] = (
      await client.ok(vendor, `query($id: ID!) { organization(id: $id) { memberships { id } } }`, { id: revoked.id })
    ).organization.memberships;
    await client.ok(vendor, `mutation($id: ID!) { revokeProgramMembership(id: $id) { id } }`, { id: membership.id });
    expect(await client.error(vendor, CREATE, { input: { partnerId: revoked.id, tier: "GOLD" } })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "partnerId",
    });
    for (const org of [customer, untiered, revoked])
      expect((await client.ok(vendor, AGREEMENTS, { id: org.id })).partnerSupportAgreements).toEqual([]);
  });

  it("names as contact only a person of the partner, currently certified in every product stated; nothing is written otherwise", async () => {
    const vendor = await seed.vendorAdmin();
    const { partner, agreement: created } = await agreement();
    const name = (userId: string, certifiedProducts: string[]) =>
      client.error(vendor, NAME, { input: { agreementId: created.id, userId, certifiedProducts } });

    const elsewhere = await certify(await userIdOf((await seed.partner()).admin), "SD-WAN Orchestrator");
    const stranger = await name(elsewhere, ["SDWAN"]);
    expect(stranger).toMatchObject({ code: "BAD_USER_INPUT", field: "userId" });
    expect(stranger.message).toContain(partner.id);
    expect(await name("USR-NOSUCHPERSON", ["SDWAN"])).toMatchObject({ code: "BAD_USER_INPUT", field: "userId" });

    const uncertified = await userIdOf(await seed.member(partner));
    expect(await name(uncertified, ["SDWAN"])).toMatchObject({ code: "BAD_USER_INPUT", field: "certifiedProducts" });
    const lapsed = await userIdOf(await seed.member(partner));
    await client.ok(
      vendor,
      `mutation($input: RecordCertificationInput!) { recordCertification(input: $input) { id } }`,
      {
        input: {
          userId: lapsed,
          product: "SD-WAN Orchestrator",
          level: "Associate",
          achievedAt: yearsFromNow(-3),
          expiresAt: yearsFromNow(-1),
        },
      },
    );
    expect(await name(lapsed, ["SDWAN"])).toMatchObject({ code: "BAD_USER_INPUT", field: "certifiedProducts" });

    // Certified in SD-WAN only: support for VAD, or for a code that is no certifiable product, is refused.
    const sdwan = await certify(await userIdOf(await seed.member(partner)), "SD-WAN Orchestrator");
    const partly = await name(sdwan, ["SDWAN", "VAD"]);
    expect(partly).toMatchObject({ code: "BAD_USER_INPUT", field: "certifiedProducts" });
    expect(partly.message).toMatch(/VAD \(Virtual Apps and Desktops\)/);
    expect(await name(sdwan, ["NOSUCH"])).toMatchObject({ code: "BAD_USER_INPUT", field: "certifiedProducts" });

    const [stored] = (await client.ok(vendor, AGREEMENTS, { id: partner.id })).partnerSupportAgreements;
    expect(stored.namedContacts).toEqual([]);
    // No PIN was issued either: the first person named gets one now.
    expect(
      (
        await client.ok(vendor, NAME, {
          input: { agreementId: created.id, userId: sdwan, certifiedProducts: ["SDWAN"] },
        })
      ).nameSupportContact,
    ).toMatchObject({ certifiedProducts: ["SDWAN"], user: { id: sdwan } });
    expect(
      await stack.subgraphs.support.dataSource.query(`SELECT user_id FROM support_pin WHERE partner_id = ?`, [
        partner.id,
      ]),
    ).toEqual([{ user_id: sdwan }]);
  });

  it("matches codes to certifications by the catalog's own names (support's copy agrees with entitlements' catalog)", async () => {
    const { services } = await client.ok(await seed.vendorAdmin(), `query { services { code name } }`);
    const catalog = Object.fromEntries(services.map((s: { code: string; name: string }) => [s.code, s.name]));
    for (const [code, name] of Object.entries(CERTIFIABLE_PRODUCTS))
      expect({ code, name: catalog[code] }).toEqual({ code, name });
  });

  it("shows the partner its agreement with named contacts and PINs; others may not see it", async () => {
    const { partner, agreement: created } = await agreement();
    const alice = await certify(await userIdOf(partner.admin), "SD-WAN Orchestrator", "Virtual Apps and Desktops");
    const { nameSupportContact } = await client.ok(await seed.vendorAdmin(), NAME, {
      input: { agreementId: created.id, userId: alice, certifiedProducts: ["SDWAN", "VAD"] },
    });
    expect(nameSupportContact.pin).toMatch(/^[0-9]{8}$/);
    const { partnerSupportAgreement } = await client.ok(partner.admin, AGREEMENT);
    expect(partnerSupportAgreement).toMatchObject({
      id: created.id,
      tier: "GOLD",
      incidentsPurchased: 10,
      incidentsUsed: 0,
      canRequestCaseReview: false,
      namedContacts: [{ pin: nameSupportContact.pin, certifiedProducts: ["SDWAN", "VAD"], user: { id: alice } }],
    });
    expect(
      new Date(partnerSupportAgreement.periodEnd).getUTCFullYear() -
        new Date(partnerSupportAgreement.periodStart).getUTCFullYear(),
    ).toBe(1);
    const other = await seed.partner();
    expect((await client.ok(other.admin, AGREEMENT)).partnerSupportAgreement).toBeNull();
    expect(
      (
        await client.error(other.admin, `query($id: ID!) { partnerSupportAgreement(partnerId: $id) { id } }`, {
          id: partner.id,
        })
      ).code,
    ).toBe("FORBIDDEN");
  });

  it("never transfers a PIN to another person", async () => {
    const { partner, agreement: created } = await agreement();
    const vendor = await seed.vendorAdmin();
    const first = await certify(await userIdOf(partner.admin), "SD-WAN Orchestrator");
    const second = await certify(await userIdOf(await seed.member(partner)), "SD-WAN Orchestrator");
    const { nameSupportContact } = await client.ok(vendor, NAME, {
      input: { agreementId: created.id, userId: first, certifiedProducts: ["SDWAN"] },
    });
    await client.ok(
      vendor,
      `mutation($a: ID!, $u: ID!) { removeSupportContact(agreementId: $a, userId: $u) { pin } }`,
      { a: created.id, u: first },
    );
    const refused = await client.error(vendor, NAME, {
      input: { agreementId: created.id, userId: second, certifiedProducts: ["SDWAN"], pin: nameSupportContact.pin },
    });
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toMatch(/never transferable/);
    // The person keeps their PIN when named again.
    const again = await client.ok(vendor, NAME, {
      input: { agreementId: created.id, userId: first, certifiedProducts: ["SDWAN"] },
    });
    expect(again.nameSupportContact.pin).toBe(nameSupportContact.pin);
  });

  it("accepts cases only with the contact's own PIN and for products they are certified in, while the pool lasts", async () => {
    const { partner, agreement: created } = await agreement("SILVER", { incidents: 1 });
    const vendor = await seed.vendorAdmin();
    const member = await seed.member(partner);
    const { nameSupportContact } = await client.ok(vendor, NAME, {
      input: {
        agreementId: created.id,
        userId: await certify(await userIdOf(partner.admin), "SD-WAN Orchestrator"),
        certifiedProducts: ["SDWAN"],
      },
    });
    const input = { pin: nameSupportContact.pin, serviceCode: "SDWAN", title: "Tunnel drops" };
    expect((await client.error(member, CASE, { input })).code).toBe("FORBIDDEN");
    expect(await client.error(partner.admin, CASE, { input: { ...input, serviceCode: "VAD" } })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "serviceCode",
    });
    await client.ok(partner.admin, CASE, { input });
    expect((await client.error(partner.admin, CASE, { input })).code).toBe("CONFLICT");
  });

  it("sells add-on packs only during the period and on top of a base agreement; nothing rolls over", async () => {
    const vendor = await seed.vendorAdmin();
    const lonely = await seed.partner();
    expect((await client.error(lonely.admin, PACK, { input: { incidents: 5 } })).code).toBe("CONFLICT");

    const { agreement: past } = await agreement("GOLD", { periodStart: yearsFromNow(-2) });
    expect((await client.error(vendor, PACK, { input: { agreementId: past.id, incidents: 5 } })).code).toBe("CONFLICT");

    const { partner, agreement: current } = await agreement("GOLD", { periodStart: yearsFromNow(-0.5) });
    const bought = (await client.ok(partner.admin, PACK, { input: { incidents: 5 } })).purchaseIncidentPack;
    expect(bought).toMatchObject({ id: current.id, incidentsPurchased: 15, incidentsUsed: 0 });
    expect((await client.error(await seed.member(partner), PACK, { input: { incidents: 5 } })).code).toBe("FORBIDDEN");

    // The next membership year starts from the base pool: unused and add-on incidents do not roll over.
    const next = (
      await client.ok(vendor, CREATE, {
        input: { partnerId: partner.id, tier: "GOLD", periodStart: current.periodEnd },
      })
    ).createPartnerSupportAgreement;
    expect(next).toMatchObject({ incidentsPurchased: 10, incidentsUsed: 0, periodStart: current.periodEnd });
    expect((await client.error(vendor, PACK, { input: { agreementId: next.id, incidents: 5 } })).code).toBe("CONFLICT");
    // Overlapping years are refused.
    expect(
      (
        await client.error(vendor, CREATE, {
          input: { partnerId: partner.id, tier: "GOLD", periodStart: yearsFromNow(0) },
        })
      ).code,
    ).toBe("CONFLICT");
  });

  it("allows a case review only at ≥ 80% of the pool, crediting product-bug cases of the same year", async () => {
    const { partner, agreement: created } = await agreement("GOLD", { incidents: 5 });
    const vendor = await seed.vendorAdmin();
    const { nameSupportContact } = await client.ok(vendor, NAME, {
      input: {
        agreementId: created.id,
        userId: await certify(await userIdOf(partner.admin), "SD-WAN Orchestrator"),
        certifiedProducts: ["SDWAN"],
      },
    });
    const cases: string[] = [];
    const open = async () =>
      cases.push(
        (
          await client.ok(partner.admin, CASE, {
            input: { pin: nameSupportContact.pin, serviceCode: "SDWAN", title: "Case" },
          })
        ).openPartnerSupportCase.id,
      );
    for (let i = 0; i < 3; i++) await open();
    await client.ok(vendor, BUG, { id: cases[0] });
    await client.ok(vendor, BUG, { id: cases[1] });

    // 3 of 5 = 60%: a bug case still counts, and no review yet.
    expect((await client.ok(partner.admin, AGREEMENT)).partnerSupportAgreement).toMatchObject({
      incidentsUsed: 3,
      canRequestCaseReview: false,
    });
    expect((await client.error(partner.admin, REVIEW)).code).toBe("CONFLICT");

    await open(); // 4 of 5 = 80%
    expect((await client.ok(partner.admin, AGREEMENT)).partnerSupportAgreement).toMatchObject({
      incidentsUsed: 4,
      canRequestCaseReview: true,
    });
    expect((await client.ok(partner.admin, REVIEW)).requestCaseReview).toEqual({
      incidentsPurchased: 5,
      incidentsUsed: 2,
      canRequestCaseReview: false,
    });
  });
});

describe("identity's partner-standing route, which support agreements rely on", () => {
  const standing = (body: Record<string, unknown>) =>
    callInternal<any>(stack.subgraphs.identity.url, "partner-standing", body);
  const GRANT = `mutation($input: GrantProgramMembershipInput!) { grantProgramMembership(input: $input) { id } }`;
  const CERTIFY = `mutation($input: RecordCertificationInput!) { recordCertification(input: $input) { id } }`;
  const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

  it("answers the highest tier ACTIVE at the instant, with that membership's period; null when none", async () => {
    const vendor = await seed.vendorAdmin();
    const partner = await seed.partner("SOLUTION_ADVISOR", "SILVER");
    const [startsAt, endsAt] = [daysFromNow(10), daysFromNow(400)];
    const { grantProgramMembership: gold } = await client.ok(vendor, GRANT, {
      input: { organizationId: partner.id, program: "SERVICE_PROVIDER", tier: "GOLD", startsAt, endsAt },
    });
    expect((await standing({ partnerId: partner.id, at: daysFromNow(1) })).membership).toMatchObject({
      program: "SOLUTION_ADVISOR",
      tier: "SILVER",
      endsAt: null,
    });
    // Both are active then: the higher tier wins, with its own period.
    expect((await standing({ partnerId: partner.id, at: daysFromNow(20) })).membership).toEqual({
      id: gold.id,
      program: "SERVICE_PROVIDER",
      tier: "GOLD",
      startsAt,
      endsAt,
    });
    expect((await standing({ partnerId: partner.id, at: daysFromNow(-1) })).membership).toBeNull();
    expect((await standing({ partnerId: (await seed.customer()).id, at: daysFromNow(0) })).membership).toBeNull();
    expect((await standing({ partnerId: partner.id, at: daysFromNow(0) })).person).toBeUndefined();
  });

  it("tells whether a person is of the partner and, only then, their current certifications by product name", async () => {
    const vendor = await seed.vendorAdmin();
    const partner = await seed.partner();
    const [mine, stranger] = [await userIdOf(partner.admin), await userIdOf((await seed.partner()).admin)];
    const certify = (userId: string, product: string, expiresAt: string | null) =>
      client.ok(vendor, CERTIFY, {
        input: { userId, product, level: "Professional", achievedAt: daysFromNow(-100), expiresAt },
      });
    await certify(mine, "SD-WAN Orchestrator", daysFromNow(100));
    await certify(mine, "Secure Private Access", daysFromNow(-1));
    await certify(stranger, "Analytics", null);
    const at = daysFromNow(0);
    expect((await standing({ partnerId: partner.id, at, userId: mine })).person).toEqual({
      userId: mine,
      member: true,
      certifiedProducts: ["SD-WAN Orchestrator"],
    });
    expect((await standing({ partnerId: partner.id, at, userId: stranger })).person).toEqual({
      userId: stranger,
      member: false,
      certifiedProducts: [],
    });
    expect((await standing({ partnerId: partner.id, at, userId: "USR-NOSUCHONE" })).person).toEqual({
      userId: "USR-NOSUCHONE",
      member: false,
      certifiedProducts: [],
    });
  });

  it("answers signed calls only", async () => {
    const response = await fetch(stack.subgraphs.identity.url.replace(/graphql$/, "internal/partner-standing"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ partnerId: "ORG-ANY", at: new Date().toISOString() }),
    });
    expect(response.status).toBe(401);
  });
});

describe("the partner dashboard", () => {
  it("shows each connected customer's open tickets and notifications, as the contract asks", async () => {
    const dashboard = ops.PartnerDashboardDocument;
    const partner = await seed.partner();
    const customer = await seed.customer();
    await seed.connect(partner, customer);
    await openTicket(customer.admin, { severity: 1, title: "Down" });
    const { openTicket: closed } = await openTicket(customer.admin, { severity: 3 });
    await client.ok(customer.admin, `mutation($id: ID!) { setTicketStatus(id: $id, status: CLOSED) { id } }`, {
      id: closed.id,
    });
    await deliver("ExpiryApproaching", expiry(customer.id));
    const { customerDashboard } = await client.ok(partner.admin, dashboard);
    const row = customerDashboard.edges.find((e) => e.node.customer.id === customer.id)!.node.customer;
    expect(row.tickets).toMatchObject({
      totalCount: 1,
      edges: [{ node: { title: "Down", severity: 1, status: "OPEN" } }],
    });
    expect(row.notifications).toMatchObject({
      totalCount: 1,
      edges: [{ node: { category: "TRIAL_EXPIRING", title: "A trial ends soon", dismissed: false } }],
    });
  });
});

describe("batching", () => {
  it("reads tickets and notifications of 100 customers with the same SQL statements as 5", async () => {
    const support = stack.subgraphs.support;
    const customers = Array.from({ length: 100 }, () => newId("ORG"));
    const tickets = support.dataSource.getRepository("SupportTicket");
    const notifications = support.dataSource.getRepository("Notification");
    const now = Date.now();
    await tickets.insert(
      customers.flatMap((organizationId, i) =>
        [0, 1, 2].map((j) => ({
          id: newId("TKT"),
          number: newId("CS", 8),
          organizationId,
          title: `T${j}`,
          description: "d",
          serviceCode: null,
          severity: 1 + ((i + j) % 4),
          status: j === 2 ? "CLOSED" : "OPEN",
          language: "en",
          openedByUserId: newId("USR"),
          createdAt: new Date(now - j * 1000),
          updatedAt: new Date(now),
        })),
      ),
    );
    await notifications.insert(
      customers.flatMap((organizationId) =>
        [0, 1].map((j) => ({
          id: newId("NTF"),
          organizationId,
          category: "SUPPORT",
          title: "n",
          body: "b",
          relatedOrganizationId: null,
          sourceEventId: null,
          createdAt: new Date(now - j * 1000),
        })),
      ),
    );
    const vendor = callerOf({ id: "ORG-VENDOR0001" }, { isVendorAdmin: true });
    const selection = `tickets(status: OPEN, first: 5) { totalCount edges { node { id number title severity status } } } notifications(first: 5) { totalCount edges { node { id category title createdAt dismissed } } }`;
    const run = (n: number) =>
      support.queries.measure(async () => {
        const response = await entities(
          vendor,
          customers.slice(0, n).map((id) => ({ __typename: "Organization", id })),
          selection,
        );
        expect(response.errors).toBeUndefined();
        expect(response.data._entities).toHaveLength(n);
        expect(response.data._entities[n - 1]).toMatchObject({
          tickets: { totalCount: 2 },
          notifications: { totalCount: 2 },
        });
        return response;
      });
    const five = await run(5);
    const hundred = await run(100);
    expect(hundred.count).toBe(five.count);
    console.log(
      `support SQL statements for tickets + notifications: 5 customers ${five.count}, 100 customers ${hundred.count}`,
    );
    expect(five.count).toBeLessThanOrEqual(8);
  });
});
