import { announceEndedConsents } from "@partnergraph/connections";
import type { DataArea } from "@partnergraph/kit";
import * as ops from "@partnergraph/operations";
import type { Stack } from "@partnergraph/scripts";
import fc from "fast-check";
import { callerOf, sendSigned } from "./tenancy/harness";
import { Client, GraphQLResponse, onMysql, Org, quote, Seed, sqlNow, useStack } from "./testkit";

let stack: Stack;
let seed: Seed;
let client: Client;
useStack((started) => ({ stack, seed, client } = started));

const ALL: DataArea[] = ["ORDERS", "ENTITLEMENTS", "TRIALS", "TICKETS", "NOTIFICATIONS", "CONTACTS"];

/** Every area's field on one customer, as the partner's dashboard and detail pages ask them. */
const EVERY_AREA = `query($first: Int) {
  customerDashboard(first: $first) {
    edges { node { id consent { areas until } customer {
      id name
      orders(first: 2) { totalCount }
      entitlements { id }
      trials { id }
      tickets(first: 2) { totalCount }
      notifications(first: 2) { totalCount }
      contacts { role }
    } } }
  }
}`;
const FIELD_OF: Record<DataArea, string> = {
  ORDERS: "orders",
  ENTITLEMENTS: "entitlements",
  TRIALS: "trials",
  TICKETS: "tickets",
  NOTIFICATIONS: "notifications",
  CONTACTS: "contacts",
};

const consentOf = (areas: DataArea[], until: string | null = null) => ({ input: { areas, until } });

/** A partner connected to a customer that has a trial, a ticket and a notification. Returns the connection id. */
async function pair(): Promise<{ partner: Org; customer: Org; connectionId: string }> {
  const [partner, customer] = [await seed.partner(), await seed.customer()];
  const connectionId = await seed.connect(partner, customer);
  await client.ok(customer.admin, ops.RequestTrialDocument, { serviceCode: "SDWAN" });
  await client.ok(customer.admin, ops.OpenTicketDocument, {
    input: { title: "Link down", description: "Since this morning", severity: 2 },
  });
  await drain();
  return { partner, customer, connectionId };
}

async function drain() {
  for (const subgraph of Object.values(stack.subgraphs)) await subgraph.relay?.drain();
}

/** Which areas' fields the partner's dashboard answered (not null) for the first customer, and the FORBIDDEN paths. */
function answered(response: GraphQLResponse) {
  const customer = response.data?.customerDashboard.edges[0]?.node.customer;
  const shown = ALL.filter((area) => customer?.[FIELD_OF[area]] != null);
  const forbidden = (response.errors ?? [])
    .filter((e) => e.extensions?.code === "FORBIDDEN")
    .map((e) => String(e.path?.at(-1)));
  return { shown, forbidden, customer };
}

describe("SetPartnerConsent and ConsentOverview", () => {
  it("shares every area with no end on a new connection, as before consent existed", async () => {
    const { partner, customer } = await pair();
    const { customerDashboard } = await client.ok(partner.admin, ops.ConsentOverviewDocument, {});
    expect(customerDashboard.edges).toEqual([
      {
        node: {
          id: expect.any(String),
          consent: { areas: ALL, until: null },
          customer: { id: customer.id, name: customer.name },
        },
      },
    ]);
    const response = await client.send(partner.admin, EVERY_AREA, { first: 5 });
    expect(response.errors).toBeUndefined();
    expect(answered(response).shown).toEqual(ALL);
  });

  it("shows every area on the connection a partner's addCustomer has just made (MySQL re-reads the default)", async () => {
    const partner = await seed.partner();
    const added = await client.send(
      partner.admin,
      `mutation($input: AddCustomerInput!) { addCustomer(input: $input) { id consent { areas until } } }`,
      {
        input: {
          name: "Fabrikam Consent",
          country: "DE",
          adminEmail: `it-${Date.now()}@fabrikam.example`,
          adminName: "Ida",
        },
      },
    );
    expect(added.errors).toBeUndefined();
    expect(added.data?.addCustomer.consent).toEqual({ areas: ALL, until: null });
  });

  it("narrows field by field on the partner's very next request: the rest of the dashboard answers", async () => {
    const { partner, customer, connectionId } = await pair();
    const before = await client.send(partner.admin, EVERY_AREA, { first: 5 });
    expect(answered(before).shown).toEqual(ALL);

    const { setPartnerConsent } = await client.ok(customer.admin, ops.SetPartnerConsentDocument, {
      connectionId,
      ...consentOf(["TICKETS", "TRIALS", "TICKETS"]),
    });
    expect(setPartnerConsent).toEqual({
      id: connectionId,
      status: "ACTIVE",
      partner: { id: partner.id, name: partner.name },
      consent: { areas: ["TRIALS", "TICKETS"], until: null },
    });

    const after = await client.send(partner.admin, EVERY_AREA, { first: 5 });
    const { shown, forbidden, customer: seen } = answered(after);
    expect(shown).toEqual(["TRIALS", "TICKETS"]);
    expect(forbidden.sort()).toEqual(["contacts", "entitlements", "notifications", "orders"]);
    expect(seen).toMatchObject({ id: customer.id, name: customer.name, trials: [{ id: expect.any(String) }] });
    for (const error of after.errors ?? [])
      expect(error.path?.slice(0, 5)).toEqual(["customerDashboard", "edges", 0, "node", "customer"]);
    const overview = await client.ok(partner.admin, ops.ConsentOverviewDocument, {});
    expect(overview.customerDashboard.edges[0].node.consent).toEqual({ areas: ["TRIALS", "TICKETS"], until: null });

    // The customer still sees all of its own data; widening again shows everything at once.
    const own = await client.send(customer.admin, ops.CustomerDetailDocument, { id: customer.id });
    expect(own.errors).toBeUndefined();
    await client.ok(customer.admin, ops.SetPartnerConsentDocument, { connectionId, ...consentOf(ALL) });
    expect(answered(await client.send(partner.admin, EVERY_AREA, { first: 5 })).shown).toEqual(ALL);
  });

  it("is honoured by _entities sent straight to entitlements and support", async () => {
    const { partner, customer, connectionId } = await pair();
    const caller = await callerOf(partner.admin);
    const ticketId = (
      await client.ok(
        customer.admin,
        `query($id: ID!) { organization(id: $id) { tickets(first: 1) { edges { node { id } } } } }`,
        {
          id: customer.id,
        },
      )
    ).organization.tickets.edges[0].node.id;
    const organization = `query { _entities(representations: [{ __typename: "Organization", id: "${customer.id}" }]) {
      ... on Organization { id trials { id } entitlements { id } orders(first: 1) { totalCount } } } }`;
    const supportFields = `query { _entities(representations: [{ __typename: "Organization", id: "${customer.id}" }]) {
      ... on Organization { id tickets(first: 1) { totalCount } notifications(first: 1) { totalCount } contacts { role } } } }`;
    const ticket = `query { _entities(representations: [{ __typename: "SupportTicket", id: "${ticketId}" }]) {
      ... on SupportTicket { id title } } }`;

    const shared = await sendSigned(stack.subgraphs.entitlements.url, organization, caller);
    expect(shared.errors).toBeUndefined();
    expect(shared.data._entities[0].trials).toHaveLength(1);
    expect((await sendSigned(stack.subgraphs.support.url, ticket, caller)).data._entities[0].title).toBe("Link down");

    await client.ok(customer.admin, ops.SetPartnerConsentDocument, {
      connectionId,
      ...consentOf(["ENTITLEMENTS", "NOTIFICATIONS"]),
    });
    const narrowed = await sendSigned(stack.subgraphs.entitlements.url, organization, caller);
    expect(narrowed.data._entities[0]).toEqual({ id: customer.id, trials: null, entitlements: [], orders: null });
    expect(narrowed.errors?.map((e) => [e.extensions?.code, e.path?.at(-1)]).sort()).toEqual([
      ["FORBIDDEN", "orders"],
      ["FORBIDDEN", "trials"],
    ]);
    const support = await sendSigned(stack.subgraphs.support.url, supportFields, caller);
    expect(support.data._entities[0]).toMatchObject({
      tickets: null,
      contacts: null,
      notifications: { totalCount: expect.any(Number) },
    });
    const hiddenTicket = await sendSigned(stack.subgraphs.support.url, ticket, caller);
    expect(hiddenTicket.data?._entities?.[0] ?? null).toBeNull();
    expect(hiddenTicket.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });

  it("is set only by the customer's own administrators; bad input names the field and writes nothing", async () => {
    const { partner, customer, connectionId } = await pair();
    const member = await seed.member(customer, "MEMBER");
    const partnerPerson = await seed.member(partner, "ADMIN");
    await seed.administrator(customer, partnerPerson);
    const other = await seed.customer();
    const vendor = await seed.vendorAdmin();
    const narrow = { connectionId, ...consentOf([]) };

    expect((await client.error(partner.admin, ops.SetPartnerConsentDocument, narrow)).code).toBe("FORBIDDEN");
    expect((await client.error(member, ops.SetPartnerConsentDocument, narrow)).code).toBe("FORBIDDEN");
    // The partner's person administering the customer through a grant still may not widen what the partner sees.
    const viaGrant = { ...partnerPerson, organizationId: customer.id };
    expect((await client.error(viaGrant, ops.SetPartnerConsentDocument, narrow)).code).toBe("FORBIDDEN");
    expect((await client.error(other.admin, ops.SetPartnerConsentDocument, narrow)).code).toBe("NOT_FOUND");
    expect((await client.error(vendor, ops.SetPartnerConsentDocument, narrow)).code).toBe("NOT_FOUND");
    expect((await client.error({}, ops.SetPartnerConsentDocument, narrow)).code).toBe("UNAUTHENTICATED");

    const past = await client.error(customer.admin, ops.SetPartnerConsentDocument, {
      connectionId,
      ...consentOf(["ORDERS"], new Date(Date.now() - 60_000).toISOString()),
    });
    expect(past).toMatchObject({ code: "BAD_USER_INPUT", field: "until" });
    const unknown = await client.error(customer.admin, ops.SetPartnerConsentDocument, {
      connectionId,
      input: { areas: ["ORDERS", "SECRETS" as DataArea], until: null },
    });
    expect(unknown.code).toBe("BAD_USER_INPUT");
    expect(unknown.field).toBe("areas");

    // Nothing of the refused attempts was written: the partner still sees every area.
    const overview = await client.ok(partner.admin, ops.ConsentOverviewDocument, {});
    expect(overview.customerDashboard.edges[0].node.consent).toEqual({ areas: ALL, until: null });
    const rows = await stack.subgraphs.connections.dataSource.query(
      `SELECT consent_areas AS areas, consent_until AS until FROM ${quote("connection")} WHERE id = ?`,
      [connectionId],
    );
    expect(rows).toEqual([{ areas: ALL.join(","), until: null }]);

    // A connection that has ended has nothing left to share.
    await client.ok(customer.admin, ops.TerminateConnectionDocument, { id: connectionId });
    expect((await client.error(customer.admin, ops.SetPartnerConsentDocument, narrow)).code).toBe("CONFLICT");
  });

  it("shows another partner nothing and leaves its own connections alone", async () => {
    const { customer, connectionId } = await pair();
    const another = await seed.partner();
    const theirCustomer = await seed.customer();
    await seed.connect(another, theirCustomer);
    await client.ok(customer.admin, ops.SetPartnerConsentDocument, { connectionId, ...consentOf(["ORDERS"]) });
    const overview = await client.ok(another.admin, ops.ConsentOverviewDocument, {});
    expect(overview.customerDashboard.edges.map((e) => [e.node.customer.id, e.node.consent.areas])).toEqual([
      [theirCustomer.id, ALL],
    ]);
    const detail = await client.error(another.admin, ops.CustomerDetailDocument, { id: customer.id });
    expect(detail.code).toBe("FORBIDDEN");
  });

  it("is the partner's overview only, and no other partner or the vendor may set it", async () => {
    const { partner, customer, connectionId } = await pair();
    const another = await seed.partner();
    const vendor = await seed.vendorAdmin();
    const narrow = { connectionId, ...consentOf(["ORDERS"]) };
    expect((await client.error(another.admin, ops.SetPartnerConsentDocument, narrow)).code).toBe("NOT_FOUND");
    expect((await client.error(vendor, ops.SetPartnerConsentDocument, narrow)).code).toBe("NOT_FOUND");
    // The customer dashboard, and the consents beside it, exist for partners only.
    expect((await client.error(customer.admin, ops.ConsentOverviewDocument, {})).code).toBe("FORBIDDEN");
    expect((await client.error(vendor, ops.ConsentOverviewDocument, {})).code).toBe("FORBIDDEN");
    expect((await client.error({}, ops.ConsentOverviewDocument, {})).code).toBe("UNAUTHENTICATED");
    const tooMany = await client.error(partner.admin, ops.ConsentOverviewDocument, { first: 101 });
    expect(tooMany).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    // Nothing the refused callers sent was written.
    const overview = await client.ok(partner.admin, ops.ConsentOverviewDocument, {});
    expect(overview.customerDashboard.edges[0].node.consent).toEqual({ areas: ALL, until: null });
  });

  it("narrows to nothing when its end is reached, and tells both sides once", async () => {
    const { partner, customer, connectionId } = await pair();
    const until = new Date(Date.now() + 3_600_000);
    const { setPartnerConsent } = await client.ok(customer.admin, ops.SetPartnerConsentDocument, {
      connectionId,
      ...consentOf(["TRIALS"], until.toISOString()),
    });
    expect(setPartnerConsent.consent).toEqual({ areas: ["TRIALS"], until: until.toISOString() });
    expect(await announceEndedConsents(stack.subgraphs.connections.dataSource)).toBe(0);

    // The clock moves past the end (the fixture moves the end instead of waiting an hour).
    await stack.subgraphs.connections.dataSource.query(
      `UPDATE ${quote("connection")} SET consent_until = ? WHERE id = ?`,
      [sqlNow(new Date(Date.now() - 1_000)), connectionId],
    );
    const ended = await client.send(partner.admin, EVERY_AREA, { first: 5 });
    expect(answered(ended).shown).toEqual([]);
    expect(answered(ended).customer).toMatchObject({ id: customer.id, name: customer.name });
    const overview = await client.ok(partner.admin, ops.ConsentOverviewDocument, {});
    expect(overview.customerDashboard.edges[0].node.consent.areas).toEqual([]);

    const connections = stack.subgraphs.connections.dataSource;
    // Two scanners at once (replicas) on MySQL; the embedded database runs one transaction at a time.
    const scan = () => announceEndedConsents(connections);
    const [first, second] = onMysql() ? await Promise.all([scan(), scan()]) : [await scan(), await scan()];
    expect(first + second).toBe(1);
    expect(await announceEndedConsents(connections)).toBe(0);
    await drain();
    const categories = async (org: Org) =>
      (await client.ok(org.admin, ops.MyNotificationsDocument, {})).myNotifications.edges
        .map((e: { node: { category: string } }) => e.node.category)
        .filter((c: string) => c.startsWith("CONSENT_"));
    expect(await categories(partner)).toEqual(["CONSENT_ENDED", "CONSENT_CHANGED"]);
    expect(await categories(customer)).toEqual(["CONSENT_ENDED"]);
  });

  it("never shows a field of an area the consent stopped sharing once the narrowing commits (randomized)", async () => {
    const { partner, customer, connectionId } = await pair();
    const area = fc.constantFrom(...ALL);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uniqueArray(area, { maxLength: 6 }), { minLength: 2, maxLength: 5 }),
        async (steps) => {
          await client.ok(customer.admin, ops.SetPartnerConsentDocument, { connectionId, ...consentOf(ALL) });
          // Each consent: when its mutation was sent and when its answer (the commit) came back.
          const changes: { areas: DataArea[]; sentAt: number; committedAt: number }[] = [
            { areas: ALL, sentAt: 0, committedAt: 0 },
          ];
          const reads: { startedAt: number; endedAt: number; response: GraphQLResponse }[] = [];
          let writing = true;
          const reader = (async () => {
            while (writing || reads.length === 0) {
              const startedAt = performance.now();
              const response = await client.send(partner.admin, EVERY_AREA, { first: 5 });
              reads.push({ startedAt, endedAt: performance.now(), response });
            }
          })();
          for (const areas of steps) {
            const sentAt = performance.now();
            await client.ok(customer.admin, ops.SetPartnerConsentDocument, { connectionId, ...consentOf(areas) });
            changes.push({ areas, sentAt, committedAt: performance.now() });
          }
          writing = false;
          await reader;
          for (const read of reads) {
            // What the read may show: the last consent committed before it started, and any sent before it ended.
            const committed = changes.filter((c) => c.committedAt <= read.startedAt).at(-1)!;
            const inFlight = changes.filter((c) => c.committedAt > read.startedAt && c.sentAt <= read.endedAt);
            const allowed = new Set([...committed.areas, ...inFlight.flatMap((c) => c.areas)]);
            const { shown, forbidden } = answered(read.response);
            for (const seen of shown) expect(allowed).toContain(seen);
            // Every area not shown was refused with FORBIDDEN at its path, never silently emptied.
            expect(forbidden.sort()).toEqual(
              ALL.filter((a) => !shown.includes(a))
                .map((a) => FIELD_OF[a])
                .sort(),
            );
          }
          // After the last commit, a read shows exactly what the last consent shares.
          const last = answered(await client.send(partner.admin, EVERY_AREA, { first: 5 }));
          expect(last.shown).toEqual(ALL.filter((a) => steps.at(-1)!.includes(a)));
        },
      ),
      { numRuns: 12, seed: 13, endOnFailure: true },
    );
  }, 180_000);
});
