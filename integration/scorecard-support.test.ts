import { Caller, callInternal, config, CONTEXT_HEADER, newId, signContext } from "@partnergraph/kit";
import type { Stack } from "@partnergraph/scripts";

import { randomUUID } from "node:crypto";

import { Client, Org, post, revealed, Seed, useStack } from "./testkit";
import * as ops from "@partnergraph/operations";

// The contract's PartnerScorecard also asks sales, pipeline and jointGoals (other subgraphs, not built yet): support's field alone.
const OPEN_CUSTOMER_TICKETS = `query($id: ID!) { organization(id: $id) { id openCustomerTicketCount } }`;

let stack: Stack;
let seed: Seed;
let client: Client;
useStack((started) => ({ stack, seed, client } = started));

const openTicket = async (customer: Org, status?: string) => {
  const { openTicket: ticket } = await client.ok(customer.admin, ops.OpenTicketDocument, {
    input: { title: "Tunnel drops", description: "Every night at 2am", severity: 2 },
  });
  if (status)
    await client.ok(
      await seed.vendorAdmin(),
      `mutation($id: ID!, $s: TicketStatus!) { setTicketStatus(id: $id, status: $s) { status } }`,
      { id: ticket.id, s: status },
    );
  return ticket.id;
};

const openCount = async (actor: { token: string; organizationId?: string }, partner: Org) =>
  (await client.ok(actor, OPEN_CUSTOMER_TICKETS, { id: partner.id })).organization.openCustomerTicketCount as number;

/** `_entities` sent straight to support, skipping the gateway, with a signed context (or none). */
function entities(caller: Caller | null, ids: string[], signed = true, requestId = randomUUID()) {
  const headers: Record<string, string> = signed
    ? { [CONTEXT_HEADER]: signContext({ requestId, caller, issuedAt: Date.now() }) }
    : {};
  const r = ids.map((id) => ({ __typename: "Organization", id }));
  return post(
    stack.subgraphs.support.url,
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id openCustomerTicketCount } } }`,
    { r },
    {},
    headers,
  );
}

function callerOf(orgId: string, overrides: Partial<Caller> = {}): Caller {
  return {
    userId: newId("USR"),
    email: "someone@test.example",
    displayName: "Someone",
    homeOrganizationId: orgId,
    organizationId: orgId,
    role: "ADMIN",
    grantAccess: null,
    grantServiceCodes: [],
    isPartner: true,
    isVendorAdmin: false,
    ...overrides,
  };
}

/** A partner with two connected customers (A: 3 open of 5, B: 2 open of 3) and an unconnected customer C with 2 open. */
async function scenario() {
  const partner = await seed.partner();
  const [a, b, c] = await Promise.all([seed.customer(), seed.customer(), seed.customer()]);
  await seed.connect(partner, a);
  const connectionB = await seed.connect(partner, b);
  await Promise.all([
    openTicket(a),
    openTicket(a, "IN_PROGRESS"),
    openTicket(a, "WAITING_ON_CUSTOMER"),
    openTicket(a, "RESOLVED"),
    openTicket(a, "CLOSED"),
    openTicket(b),
    openTicket(b),
    openTicket(b, "CLOSED"),
    openTicket(c),
    openTicket(c),
  ]);
  return { partner, a, b, c, connectionB };
}

describe("Organization.openCustomerTicketCount", () => {
  it("counts tickets not RESOLVED/CLOSED of ACTIVE-connected customers only; a terminated connection stops counting at once", async () => {
    const { partner, a, b, connectionB } = await scenario();
    const vendor = await seed.vendorAdmin();
    expect(await openCount(partner.admin, partner)).toBe(5);
    expect(await openCount(vendor, partner)).toBe(5);
    expect(await openCount(await seed.member(partner), partner)).toBe(5);

    // A new open ticket of a connected customer counts; closing one stops it counting.
    const extra = await openTicket(a);
    expect(await openCount(partner.admin, partner)).toBe(6);
    await client.ok(a.admin, `mutation($id: ID!) { setTicketStatus(id: $id, status: RESOLVED) { status } }`, {
      id: extra,
    });
    expect(await openCount(partner.admin, partner)).toBe(5);

    await client.ok(b.admin, ops.TerminateConnectionDocument, { id: connectionB });
    expect(await openCount(partner.admin, partner)).toBe(3);
    expect(await openCount(vendor, partner)).toBe(3);
  });

  it("is 0 for a partner without customers", async () => {
    const partner = await seed.partner();
    expect(await openCount(partner.admin, partner)).toBe(0);
    expect(await openCount(await seed.vendorAdmin(), partner)).toBe(0);
  });

  it("is FORBIDDEN to another partner, to the partner's customers, and to the partner's people acting as a customer", async () => {
    const { partner, a } = await scenario();
    const other = await seed.partner();
    await seed.connect(other, a);
    expect((await client.error(other.admin, OPEN_CUSTOMER_TICKETS, { id: partner.id })).code).toBe("FORBIDDEN");
    expect((await client.error(a.admin, OPEN_CUSTOMER_TICKETS, { id: partner.id })).code).toBe("FORBIDDEN");
    expect((await client.error({}, OPEN_CUSTOMER_TICKETS, { id: partner.id })).code).toBe("UNAUTHENTICATED");

    // A person of the partner administering customer A, acting as A, is not the partner acting as itself.
    const person = await seed.person("admin-of-a");
    await seed.administrator(a, person);
    const actingAsA = { token: person.token, organizationId: a.id };
    expect((await client.error(actingAsA, OPEN_CUSTOMER_TICKETS, { id: partner.id })).code).toBe("FORBIDDEN");
  });

  it("refuses _entities sent straight to support for another tenant or without a context", async () => {
    const { partner } = await scenario();
    const other = await seed.partner();
    const foreign = await entities(callerOf(other.id), [partner.id]);
    expect(revealed(foreign.data?._entities?.[0])).toEqual({});
    expect(foreign.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const anonymous = await entities(null, [partner.id], false);
    expect(revealed(anonymous.data?._entities?.[0])).toEqual({});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    // Acting as the partner through a grant (homeOrganizationId elsewhere) is not the partner itself.
    const granted = await entities(
      callerOf(partner.id, { homeOrganizationId: other.id, role: "ADMINISTRATOR", grantAccess: "FULL" }),
      [partner.id],
    );
    expect(granted.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const itself = await entities(callerOf(partner.id), [partner.id]);
    expect(itself.data._entities).toEqual([{ id: partner.id, openCustomerTicketCount: 5 }]);
  });

  it("costs one call to connections and one SQL statement on each side, however many partners are asked", async () => {
    const [first, second] = await Promise.all([scenario(), scenario()]);
    const vendor = callerOf(config().vendorOrganizationId, { isVendorAdmin: true, isPartner: false });
    const measure = async (ids: string[]) => {
      let supportCount = 0;
      let response: any;
      // Only this request's statements: the events scenario() caused are still being applied meanwhile.
      const requestId = randomUUID();
      const connections = await stack.subgraphs.connections.queries.measure(
        async () => {
          const support = await stack.subgraphs.support.queries.measure(
            async () => {
              response = await entities(vendor, ids, true, requestId);
            },
            { requestId },
          );
          supportCount = support.statements.filter((s) => !s.includes("outbox_event")).length;
        },
        { requestId },
      );
      expect(response.errors).toBeUndefined();
      return {
        response,
        support: supportCount,
        connections: connections.statements.filter((s) => !s.includes("outbox_event")).length,
      };
    };
    const small = await measure([first.partner.id]);
    expect(small.response.data._entities).toEqual([{ id: first.partner.id, openCustomerTicketCount: 5 }]);

    const others = Array.from({ length: 60 }, () => newId("ORG"));
    const large = await measure([first.partner.id, ...others, second.partner.id]);
    expect(large.response.data._entities.map((e: any) => e.openCustomerTicketCount)).toEqual([
      5,
      ...others.map(() => 0),
      5,
    ]);

    expect(small.support).toBe(1);
    expect(small.connections).toBe(1);
    expect(large.support).toBe(small.support);
    expect(large.connections).toBe(small.connections);
  });
});

describe("GoalMilestoneReached", () => {
  /** Delivers the event as the relay would: signed, to support's /internal/events route. */
  const deliver = (payload: Record<string, unknown>, id = randomUUID()) =>
    callInternal<{ applied: boolean }>(stack.subgraphs.support.url, "events", {
      id,
      type: "GoalMilestoneReached",
      payload,
      occurredAt: new Date().toISOString(),
    });

  const goalNotifications = async (actor: { token: string; organizationId?: string }, target: number) => {
    const { myNotifications } = await client.ok(actor, ops.MyNotificationsDocument, { first: 100 });
    return myNotifications.edges
      .map((e) => e.node)
      .filter((n) => n.category === "GOAL" && n.body.includes(`target ${target})`));
  };

  it("tells the partner and the vendor once each per milestone, however often the event arrives", async () => {
    const partner = await seed.partner();
    const vendor = await seed.vendorAdmin();
    const target = 100_000 + Math.floor(Math.random() * 800_000);
    const payload = {
      goalId: newId("GOL"),
      partnerId: partner.id,
      vendorId: config().vendorOrganizationId,
      milestone: 50,
      metric: "BOOKINGS",
      target,
      progress: target / 2,
    };
    const eventId = randomUUID();

    expect(await deliver(payload, eventId)).toEqual({ applied: true });
    expect(await deliver(payload, eventId)).toEqual({ applied: false });

    const mine = await goalNotifications(partner.admin, target);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      category: "GOAL",
      title: "A joint goal is half way",
      organization: { id: partner.id },
    });
    const vendors = await goalNotifications(vendor, target);
    expect(vendors).toHaveLength(1);
    expect(vendors[0]).toMatchObject({
      category: "GOAL",
      title: "A joint goal is half way",
      organization: { id: config().vendorOrganizationId },
    });

    // The 100% milestone is another event: one more each.
    const met = { ...payload, milestone: 100, progress: target };
    const metId = randomUUID();
    await deliver(met, metId);
    await deliver(met, metId);
    expect((await goalNotifications(partner.admin, target)).map((n) => n.title).sort()).toEqual([
      "A joint goal is half way",
      "A joint goal was met",
    ]);
    expect((await goalNotifications(vendor, target)).map((n) => n.title).sort()).toEqual([
      "A joint goal is half way",
      "A joint goal was met",
    ]);

    // Nobody else is told.
    const bystander = await seed.partner();
    expect(await goalNotifications(bystander.admin, target)).toEqual([]);
  });
});
