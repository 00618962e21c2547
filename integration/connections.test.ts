import { randomUUID } from "node:crypto";
import { connections } from "@partnergraph/connections";
import {
  Caller,
  callInternal,
  config,
  CONTEXT_HEADER,
  EVENTS_ROUTE,
  signContext,
  startSubgraph,
} from "@partnergraph/kit";
import { devToken, Stack } from "@partnergraph/scripts";
import { Client, onMysql, Org, post, quote, Seed, useStack } from "./testkit";
import * as ops from "@partnergraph/operations";

const countryOf = `query($id: ID!) { organization(id: $id) { id country } }`;
const dashboard = `query($first: Int, $after: String, $search: String) {
  customerDashboard(first: $first, after: $after, search: $search) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id connectedAt customer { id name country } } }
  }
}`;

let stack: Stack;
let seed: Seed;
let client: Client;
useStack((started) => ({ stack, seed, client } = started));

const sql = <T = any>(subgraph: "connections" | "identity", query: string, params: unknown[] = []): Promise<T[]> =>
  stack.subgraphs[subgraph].dataSource.query(query, params);

async function linkOf(partner: Org): Promise<string> {
  return (await client.ok(partner.admin, ops.PartnerInvitationLinkDocument)).partnerInvitationLink.token;
}

async function eventsOf(type: string, key: string, value: string): Promise<Record<string, unknown>[]> {
  const rows = await sql("connections", `SELECT payload FROM ${quote("outbox_event")} WHERE type = ?`, [type]);
  return rows.map((row) => JSON.parse(row.payload)).filter((payload) => payload[key] === value);
}

/** An AddCustomerInput, a fresh administrator email each time. */
const input = (overrides: Record<string, string> = {}) => ({
  name: "Globex Corporation",
  country: "FR",
  adminEmail: `hank-${randomUUID().slice(0, 8)}@globex.example`,
  adminName: "Hank Scorpio",
  ...overrides,
});

describe("the invitation link", () => {
  it("is one per badged partner: the same on every call, concurrent first calls included, stored once", async () => {
    // Several partners, each with a burst of first calls: a lost race once handed out a link that was then replaced.
    for (let round = 0; round < 3; round++) {
      const partner = await seed.partner();
      const first = await Promise.all(
        Array.from({ length: 8 }, () => client.ok(partner.admin, ops.PartnerInvitationLinkDocument)),
      );
      const again = await client.ok(partner.admin, ops.PartnerInvitationLinkDocument);
      const { token, url } = again.partnerInvitationLink;
      expect(token).toMatch(/^[\w-]{32}$/);
      expect(url).toBe(`${config().portalUrl}/connect/${token}`);
      for (const answer of first) expect(answer.partnerInvitationLink).toEqual({ url, token });
      const rows = await sql("connections", `SELECT token FROM ${quote("invitation_link")} WHERE partner_id = ?`, [
        partner.id,
      ]);
      expect(rows).toEqual([{ token }]);
    }
  });

  it("is refused to an organization without an active badge, saying why", async () => {
    const customer = await seed.customer();
    const failure = await client.error(customer.admin, ops.PartnerInvitationLinkDocument);
    expect(failure.code).toBe("FORBIDDEN");
    expect(failure.message).toMatch(/active partner-program badge/);
    expect((await client.error({}, ops.PartnerInvitationLinkDocument)).code).toBe("UNAUTHENTICATED");
  });

  (onMysql() ? it : it.skip)("survives a restart of the connections subgraph (MySQL)", async () => {
    const partner = await seed.partner();
    const before = await client.ok(partner.admin, ops.PartnerInvitationLinkDocument);
    const running = stack.subgraphs.connections;
    await running.stop();
    stack.subgraphs.connections = await startSubgraph(connections, { port: running.port });
    const after = await client.ok(partner.admin, ops.PartnerInvitationLinkDocument);
    expect(after.partnerInvitationLink).toEqual(before.partnerInvitationLink);
  });
});

describe("accepting an invitation", () => {
  it("previews the partner, connects, and shows the partner in the customer's settings", async () => {
    const partner = await seed.partner();
    const customer = await seed.customer();
    const token = await linkOf(partner);

    const preview = await client.ok(customer.admin, ops.PartnerInvitationDocument, { token });
    expect(preview.partnerInvitation).toEqual({
      partner: { id: partner.id, name: partner.name, badges: [{ program: "SOLUTION_ADVISOR", tier: "GOLD" }] },
    });
    expect((await client.error(partner.admin, countryOf, { id: customer.id })).code).toBe("FORBIDDEN");

    const { acceptPartnerInvitation: connection } = await client.ok(
      customer.admin,
      ops.AcceptPartnerInvitationDocument,
      {
        token,
      },
    );
    expect(connection).toEqual({
      id: expect.stringMatching(/^CON-[0-9A-Z]{10}$/),
      status: "ACTIVE",
      origin: "INVITATION",
      connectedAt: expect.any(String),
      partner: { id: partner.id, name: partner.name },
      customer: { id: customer.id, name: customer.name },
    });
    expect(Math.abs(Date.parse(connection.connectedAt) - Date.now())).toBeLessThan(60_000);

    const { myPartners } = await client.ok(customer.admin, ops.MyPartnersDocument);
    expect(myPartners).toEqual([
      {
        id: connection.id,
        status: "ACTIVE",
        connectedAt: connection.connectedAt,
        partner: { id: partner.id, name: partner.name, badges: [{ program: "SOLUTION_ADVISOR", tier: "GOLD" }] },
      },
    ]);
    expect((await client.ok(partner.admin, countryOf, { id: customer.id })).organization.country).toBe("DE");
    expect(await eventsOf("ConnectionMade", "connectionId", connection.id)).toEqual([
      {
        connectionId: connection.id,
        partnerId: partner.id,
        customerId: customer.id,
        origin: "INVITATION",
        connectedAt: connection.connectedAt,
      },
    ]);
  });

  it("lets a person with no organization register one and then accept", async () => {
    const partner = await seed.partner();
    const token = await linkOf(partner);
    const person = await seed.person();
    expect((await client.ok(person, ops.PartnerInvitationDocument, { token })).partnerInvitation.partner.id).toBe(
      partner.id,
    );
    expect((await client.error(person, ops.AcceptPartnerInvitationDocument, { token })).code).toBe("FORBIDDEN");

    const { registerOrganization } = await client.ok(person, ops.RegisterOrganizationDocument, {
      input: { name: "Newco Ltd", country: "GB", displayName: "Nora New" },
    });
    const { acceptPartnerInvitation } = await client.ok(person, ops.AcceptPartnerInvitationDocument, { token });
    expect(acceptPartnerInvitation).toMatchObject({
      status: "ACTIVE",
      partner: { id: partner.id },
      customer: { id: registerOrganization.id, name: "Newco Ltd" },
    });
  });

  it("leaves exactly one ACTIVE connection after 50 concurrent accepts, with no server error", async () => {
    const partner = await seed.partner();
    const customer = await seed.customer();
    const token = await linkOf(partner);
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => client.send(customer.admin, ops.AcceptPartnerInvitationDocument, { token })),
    );
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.errors).toBeUndefined();
    }
    const ids = new Set(responses.map((r) => r.data?.acceptPartnerInvitation.id));
    expect(ids.size).toBe(1);
    const rows = await sql(
      "connections",
      `SELECT id, status FROM ${quote("connection")} WHERE partner_id = ? AND customer_id = ?`,
      [partner.id, customer.id],
    );
    expect(rows).toEqual([{ id: [...ids][0], status: "ACTIVE" }]);
    expect(await eventsOf("ConnectionMade", "customerId", customer.id)).toHaveLength(1);
  });

  it("stops working when the partner loses its badge", async () => {
    const partner = await seed.partner();
    const customer = await seed.customer();
    const token = await linkOf(partner);
    const vendor = await seed.vendorAdmin();
    const { organization } = await client.ok(
      vendor,
      `query($id: ID!) { organization(id: $id) { memberships { id } } }`,
      { id: partner.id },
    );
    await client.ok(vendor, `mutation($id: ID!) { revokeProgramMembership(id: $id) { id } }`, {
      id: organization.memberships[0].id,
    });

    expect((await client.error(customer.admin, ops.PartnerInvitationDocument, { token })).code).toBe("FORBIDDEN");
    const failure = await client.error(customer.admin, ops.AcceptPartnerInvitationDocument, { token });
    expect(failure.code).toBe("FORBIDDEN");
    expect(failure.message).toMatch(/no longer holds an active partner-program badge/);
    expect((await client.error(partner.admin, ops.PartnerInvitationLinkDocument)).code).toBe("FORBIDDEN");
    expect(
      await sql("connections", `SELECT id FROM ${quote("connection")} WHERE customer_id = ?`, [customer.id]),
    ).toEqual([]);
  });

  it("refuses a partner connecting to itself", async () => {
    const partner = await seed.partner();
    const failure = await client.error(partner.admin, ops.AcceptPartnerInvitationDocument, {
      token: await linkOf(partner),
    });
    expect(failure).toMatchObject({ code: "BAD_USER_INPUT", field: "token" });
    expect(failure.message).toMatch(/cannot connect to itself/);
  });

  it("is for the customer's administrators, with a real link", async () => {
    const partner = await seed.partner();
    const customer = await seed.customer();
    const token = await linkOf(partner);
    const member = await seed.member(customer, "MEMBER");
    expect((await client.error(member, ops.AcceptPartnerInvitationDocument, { token })).code).toBe("FORBIDDEN");
    expect(
      (await client.error(customer.admin, ops.AcceptPartnerInvitationDocument, { token: "no-such-token" })).code,
    ).toBe("NOT_FOUND");
    expect((await client.error(customer.admin, ops.PartnerInvitationDocument, { token: "no-such-token" })).code).toBe(
      "NOT_FOUND",
    );
    expect((await client.error({}, ops.PartnerInvitationDocument, { token })).code).toBe("UNAUTHENTICATED");
    expect((await client.ok(customer.admin, ops.MyPartnersDocument)).myPartners).toEqual([]);
  });
});

describe("terminating a connection", () => {
  it("is open to either side, keeps who and when, keeps history, and reconnecting makes a new connection", async () => {
    const partner = await seed.partner();
    const customer = await seed.customer();
    const first = await seed.connect(partner, customer);

    const { terminateConnection: ended } = await client.ok(customer.admin, ops.TerminateConnectionDocument, {
      id: first,
    });
    expect(ended).toEqual({
      id: first,
      status: "TERMINATED",
      terminatedAt: expect.any(String),
      terminatedBy: "CUSTOMER",
    });
    expect((await client.error(partner.admin, ops.TerminateConnectionDocument, { id: first })).code).toBe("CONFLICT");
    expect((await client.ok(customer.admin, ops.MyPartnersDocument)).myPartners).toEqual([]);
    expect(await eventsOf("ConnectionEnded", "connectionId", first)).toEqual([
      {
        connectionId: first,
        partnerId: partner.id,
        customerId: customer.id,
        terminatedBy: "CUSTOMER",
        terminatedByUserId: expect.stringMatching(/^USR-/),
        terminatedAt: ended.terminatedAt,
      },
    ]);

    // The same link works again, and makes a new connection; this time the partner ends it.
    const second = await seed.connect(partner, customer);
    expect(second).not.toBe(first);
    const byPartner = await client.ok(partner.admin, ops.TerminateConnectionDocument, { id: second });
    expect(byPartner.terminateConnection).toMatchObject({ id: second, status: "TERMINATED", terminatedBy: "PARTNER" });

    const history = await sql(
      "connections",
      `SELECT id, status, terminated_by AS "by" FROM ${quote("connection")} WHERE customer_id = ? ORDER BY connected_at`,
      [customer.id],
    );
    expect(history).toEqual([
      { id: first, status: "TERMINATED", by: "CUSTOMER" },
      { id: second, status: "TERMINATED", by: "PARTNER" },
    ]);
    const all = await client.ok(customer.admin, `query { myPartners(status: TERMINATED) { id terminatedBy } }`);
    expect(all.myPartners.map((c: any) => c.id).sort()).toEqual([first, second].sort());
  });

  it("refuses the partner's very next request for the customer's data", async () => {
    const partner = await seed.partner();
    const customer = await seed.customer();
    const id = await seed.connect(partner, customer);
    expect((await client.ok(partner.admin, countryOf, { id: customer.id })).organization.country).toBe("DE");
    await client.ok(customer.admin, ops.TerminateConnectionDocument, { id });
    expect((await client.error(partner.admin, countryOf, { id: customer.id })).code).toBe("FORBIDDEN");
    expect((await client.ok(partner.admin, dashboard, { first: 10 })).customerDashboard.totalCount).toBe(0);
  });

  it("is refused to anyone but the two sides' administrators", async () => {
    const partner = await seed.partner();
    const customer = await seed.customer();
    const stranger = await seed.partner();
    const id = await seed.connect(partner, customer);
    expect((await client.error(stranger.admin, ops.TerminateConnectionDocument, { id })).code).toBe("NOT_FOUND");
    expect(
      (await client.error(await seed.member(customer, "MEMBER"), ops.TerminateConnectionDocument, { id })).code,
    ).toBe("FORBIDDEN");
    expect((await client.ok(customer.admin, ops.MyPartnersDocument)).myPartners).toHaveLength(1);
  });
});

describe("adding a customer", () => {
  it("creates the organization, invites its administrator, makes the partner a FULL administrator and connects", async () => {
    const partner = await seed.partner();
    const form = input({ adminEmail: `Hank-${randomUUID().slice(0, 8)}@Globex.example` });
    const { addCustomer } = await client.ok(partner.admin, ops.AddCustomerDocument, { input: form });
    expect(addCustomer).toEqual({
      id: expect.stringMatching(/^CON-/),
      status: "ACTIVE",
      origin: "ADDED_BY_PARTNER",
      customer: { id: expect.stringMatching(/^ORG-[0-9A-Z]{10}$/), name: "Globex Corporation", country: "FR" },
    });
    const customerId = addCustomer.customer.id;

    // The invited administrator signs in for the first time and finds their organization.
    const hankActor = { token: await devToken(form.adminEmail) };
    const { me } = await client.ok(hankActor, ops.MeDocument);
    expect(me).toMatchObject({
      email: form.adminEmail.toLowerCase(),
      displayName: "Hank Scorpio",
      organization: { id: customerId, name: "Globex Corporation", isPartner: false },
    });
    const grants = await client.ok(hankActor, `query { administratorGrants { email access status } }`);
    expect(grants.administratorGrants).toEqual([{ email: partner.admin.email, access: "FULL", status: "ACCEPTED" }]);

    // The partner's user acts as the customer.
    const acting = await client.ok({ token: partner.admin.token, organizationId: customerId }, ops.MeDocument);
    expect(acting.me.organization).toMatchObject({ id: customerId, name: "Globex Corporation" });

    // The new customer's administrator sees the partner; the partner's dashboard lists the customer.
    expect((await client.ok(hankActor, ops.MyPartnersDocument)).myPartners).toMatchObject([
      { id: addCustomer.id, partner: { id: partner.id } },
    ]);
    const { customerDashboard } = await client.ok(partner.admin, dashboard, { first: 5 });
    expect(customerDashboard.edges.map((e: any) => e.node.customer)).toEqual([
      { id: customerId, name: "Globex Corporation", country: "FR" },
    ]);
    expect(await eventsOf("ConnectionMade", "customerId", customerId)).toMatchObject([
      { origin: "ADDED_BY_PARTNER", connectionId: addCustomer.id },
    ]);
  });

  it("applies the identity side once, however often the event arrives", async () => {
    const partner = await seed.partner();
    const { addCustomer } = await client.ok(partner.admin, ops.AddCustomerDocument, { input: input() });
    const customerId = addCustomer.customer.id;
    const [row] = await sql(
      "connections",
      `SELECT id, type, payload FROM ${quote("outbox_event")} WHERE type = 'CustomerAddedByPartner' AND payload LIKE ?`,
      [`%${customerId}%`],
    );
    const event = {
      id: row.id,
      type: row.type,
      payload: JSON.parse(row.payload),
      occurredAt: new Date().toISOString(),
    };
    expect(await callInternal(stack.subgraphs.identity.url, EVENTS_ROUTE, event)).toEqual({ applied: false });
    // Even as a different event id (a replayed outbox), the organization is made once.
    expect(await callInternal(stack.subgraphs.identity.url, EVENTS_ROUTE, { ...event, id: randomUUID() })).toEqual({
      applied: true,
    });
    const count = async (table: string) =>
      (await sql("identity", `SELECT COUNT(*) AS n FROM ${quote(table)} WHERE organization_id = ?`, [customerId]))[0].n;
    expect(
      Number(
        (await sql("identity", `SELECT COUNT(*) AS n FROM ${quote("organization")} WHERE id = ?`, [customerId]))[0].n,
      ),
    ).toBe(1);
    expect(Number(await count("member_invitation"))).toBe(1);
    expect(Number(await count("administrator_grant"))).toBe(1);
  });

  it.each([
    [{ name: "  " }, "name"],
    [{ name: "" }, "name"],
    [{ country: "XX" }, "country"],
    [{ adminEmail: "not-an-email" }, "adminEmail"],
    [{ adminName: " " }, "adminName"],
  ])("rejects %j naming the field, and writes nothing", async (overrides, field) => {
    const partner = await seed.partner();
    const failure = await client.error(partner.admin, ops.AddCustomerDocument, { input: input(overrides) });
    expect(failure).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(
      await sql("connections", `SELECT id FROM ${quote("connection")} WHERE partner_id = ?`, [partner.id]),
    ).toEqual([]);
    expect(await eventsOf("CustomerAddedByPartner", "partnerId", partner.id)).toEqual([]);
  });

  it("is only for badged partners", async () => {
    const plain = await seed.customer();
    const failure = await client.error(plain.admin, ops.AddCustomerDocument, { input: input() });
    expect(failure.code).toBe("FORBIDDEN");
    expect(failure.message).toMatch(/badge/);
    expect(await eventsOf("CustomerAddedByPartner", "partnerId", plain.id)).toEqual([]);
  });
});

describe("the customer dashboard", () => {
  it("lists ACTIVE customers by name, pages with a cursor, searches, and counts", async () => {
    const partner = await seed.partner();
    const names = ["Delta Co", "Alpha Co", "Echo 100% Co", "Charlie Co", "Bravo Co"];
    for (const name of names) await client.ok(partner.admin, ops.AddCustomerDocument, { input: input({ name }) });
    const other = await seed.customer();
    const ended = await seed.connect(partner, other);
    await client.ok(partner.admin, ops.TerminateConnectionDocument, { id: ended });

    const page1 = (await client.ok(partner.admin, dashboard, { first: 2 })).customerDashboard;
    expect(page1.totalCount).toBe(5);
    expect(page1.edges.map((e: any) => e.node.customer.name)).toEqual(["Alpha Co", "Bravo Co"]);
    expect(page1.pageInfo).toEqual({ hasNextPage: true, endCursor: page1.edges[1].cursor });
    const page2 = (await client.ok(partner.admin, dashboard, { first: 2, after: page1.pageInfo.endCursor }))
      .customerDashboard;
    expect(page2.edges.map((e: any) => e.node.customer.name)).toEqual(["Charlie Co", "Delta Co"]);
    const page3 = (await client.ok(partner.admin, dashboard, { first: 2, after: page2.pageInfo.endCursor }))
      .customerDashboard;
    expect(page3.edges.map((e: any) => e.node.customer.name)).toEqual(["Echo 100% Co"]);
    expect(page3.pageInfo.hasNextPage).toBe(false);

    const searched = (await client.ok(partner.admin, dashboard, { first: 10, search: "100%" })).customerDashboard;
    expect(searched.totalCount).toBe(1);
    expect(searched.edges.map((e: any) => e.node.customer.name)).toEqual(["Echo 100% Co"]);
    const caseless = (await client.ok(partner.admin, dashboard, { first: 10, search: "bravo" })).customerDashboard;
    expect(caseless.edges.map((e: any) => e.node.customer.name)).toEqual(["Bravo Co"]);
    expect((await client.error(partner.admin, dashboard, { first: 2, after: "garbage" })).field).toBe("after");
    expect((await client.error(partner.admin, dashboard, { first: 101 })).code).toBe("BAD_USER_INPUT");
    const count = await client.ok(
      partner.admin,
      `query($id: ID!) { organization(id: $id) { connectedCustomerCount } }`,
      { id: partner.id },
    );
    expect(count.organization.connectedCustomerCount).toBe(5);
  });

  it("exists only for badged partners", async () => {
    const plain = await seed.customer();
    const failure = await client.error(plain.admin, dashboard, { first: 5 });
    expect(failure.code).toBe("FORBIDDEN");
    expect(failure.message).toMatch(/badge/);
  });

  it("runs the same number of SQL statements for first: 5 and first: 100", async () => {
    const partner = await seed.partner();
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        client.ok(partner.admin, ops.AddCustomerDocument, {
          input: input({ name: `Bulk ${String(i).padStart(2, "0")}` }),
        }),
      ),
    );
    // Only this request's statements (by its request id): the customers just added still reach webhooks and
    // audit meanwhile, and webhooks asks connections about them — other requests' SQL, not this page's.
    const once = async (first: number) => {
      const requestId = randomUUID();
      let edges = 0;
      const identity = await stack.subgraphs.identity.queries.measure(
        async () => {
          const { count } = await stack.subgraphs.connections.queries.measure(
            async () => {
              const response = await post(client.url, dashboard, { first }, partner.admin, {
                "x-request-id": requestId,
              });
              expect(response.errors).toBeUndefined();
              edges = response.data.customerDashboard.edges.length;
            },
            { requestId },
          );
          return count;
        },
        { requestId },
      );
      return { connections: identity.result, identity: identity.count, edges };
    };
    // The fewest statements over two requests: on a loaded machine the cached caller can expire
    // (CALLER_CACHE_TTL_MS) between any two requests, and resolving it is not the page's SQL.
    const measure = async (first: number) => {
      const [a, b] = [await once(first), await once(first)];
      return {
        connections: Math.min(a.connections, b.connections),
        identity: Math.min(a.identity, b.identity),
        edges: a.edges,
      };
    };
    const small = await measure(5);
    const large = await measure(100);
    expect(small.edges).toBe(5);
    expect(large.edges).toBe(12);
    expect(large.connections).toBe(small.connections);
    expect(large.identity).toBe(small.identity);
    // page + total; identity's country checks go by the page's access grant, asking connections nothing
    expect(small.connections).toBe(2);
  });
});

describe("Connection through _entities, straight to the subgraph", () => {
  const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Connection { id status } } }`;
  const callerOf = (org: Org, isPartner: boolean): Caller => ({
    userId: "USR-TEST000001",
    email: org.admin.email,
    displayName: "Test",
    homeOrganizationId: org.id,
    organizationId: org.id,
    role: "ADMIN",
    grantAccess: null,
    grantServiceCodes: [],
    isPartner,
    isVendorAdmin: false,
  });
  const as = (caller: Caller | null) => ({
    [CONTEXT_HEADER]: signContext({ requestId: randomUUID(), caller, issuedAt: Date.now() }),
  });

  it("shows a connection to its sides only", async () => {
    const partner = await seed.partner();
    const customer = await seed.customer();
    const stranger = await seed.partner();
    const id = await seed.connect(partner, customer);
    const url = stack.subgraphs.connections.url;
    const variables = { r: [{ __typename: "Connection", id }] };

    const own = await post(url, entities, variables, {}, as(callerOf(customer, false)));
    expect(own.data?._entities).toEqual([{ id, status: "ACTIVE" }]);
    const foreign = await post(url, entities, variables, {}, as(callerOf(stranger, true)));
    expect(foreign.data?._entities).toEqual([null]);
    expect(foreign.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const anonymous = await post(url, entities, variables, {}, as(null));
    expect(anonymous.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    const unsigned = await post(url, entities, variables);
    expect(unsigned.status).toBe(401);
    expect(unsigned.data?._entities).toBeUndefined();
  });
});
