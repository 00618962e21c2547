import { RunningGateway, startGateway, SUPERGRAPH_PATH } from "@partnergraph/gateway";
import type { Stack } from "@partnergraph/scripts";
import { readFileSync } from "node:fs";
import { Actor, Client, Org, Person, Seed, useStack } from "./testkit";

// The gateway's caller cache: identity is asked once per person for a few seconds, and a change identity
// announces (a revoked grant or badge) applies on the very next request, through the gateway that served it and,
// with Redis, through every other replica.
let stack: Stack;
let seed: Seed;
let client: Client;
useStack((started) => ({ stack, seed, client } = started));

const REDIS_URL = "redis://127.0.0.1:6379";
const dashboard = "query { customerDashboard(first: 5) { totalCount } }";
const actingAs = "query { me { organization { id } } }";

const identityStatements = async (work: () => Promise<unknown>) =>
  (await stack.subgraphs.identity.queries.measure(work)).count;

/** A partner's person who administers a customer (an accepted FULL grant), and the grant. */
async function administratorOfCustomer(): Promise<{ customer: Org; acting: Actor; grantId: string }> {
  const customer = await seed.customer();
  const person: Person = await seed.person("grantee");
  const grantId = await seed.administrator(customer, person);
  return { customer, acting: { token: person.token, organizationId: customer.id }, grantId };
}

const revokeGrant = (customer: Org, grantId: string, through = client) =>
  through.ok(customer.admin, `mutation($id: ID!) { revokeAdministratorGrant(id: $id) { status } }`, { id: grantId });

it("asks identity who a person is once, not on every request", async () => {
  const person = await seed.person();
  const first = await identityStatements(() => client.ok(person, "{ __typename }"));
  const next = await identityStatements(() => client.ok(person, "{ __typename }"));
  expect(first).toBeGreaterThan(0);
  expect(next).toBe(0);
});

describe("a change through this gateway applies on the very next request", () => {
  it("a revoked administrator grant: the grantee no longer acts as the customer", async () => {
    const { customer, acting, grantId } = await administratorOfCustomer();
    expect((await client.ok(acting, actingAs)).me.organization.id).toBe(customer.id);
    await revokeGrant(customer, grantId);
    const refused = await client.send(acting, actingAs);
    expect(refused.status).toBe(403);
    expect(refused.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("a revoked program membership: the partner loses its dashboard", async () => {
    const partner = await seed.partner();
    expect((await client.ok(partner.admin, dashboard)).customerDashboard.totalCount).toBe(0);
    const vendor = await seed.vendorAdmin();
    const { organization } = await client.ok(
      vendor,
      `query($id: ID!) { organization(id: $id) { memberships { id } } }`,
      {
        id: partner.id,
      },
    );
    await client.ok(vendor, `mutation($id: ID!) { revokeProgramMembership(id: $id) { id } }`, {
      id: organization.memberships[0].id,
    });
    const refused = await client.error(partner.admin, dashboard);
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toMatch(/badge/);
  });

  it("a granted program membership and a sign-up: the new partner has its dashboard at once", async () => {
    // Seed.partner signs up (the person had no organization a moment before) and is then badged by the vendor.
    const partner = await seed.partner();
    expect((await client.ok(partner.admin, dashboard)).customerDashboard.totalCount).toBe(0);
  });
});

describe("gateway replicas", () => {
  const gateways: RunningGateway[] = [];
  const replica = async (redisUrl: string | null) => {
    const gateway = await startGateway({
      supergraphSdl: readFileSync(SUPERGRAPH_PATH, "utf8"),
      port: 0,
      redisUrl,
      // Long enough that only an announced change can explain an entry going.
      callerCacheTtlMs: 60_000,
    });
    gateways.push(gateway);
    return new Client({ gateway });
  };
  afterAll(() => Promise.all(gateways.map((gateway) => gateway.stop())));

  it("with Redis, a grant revoked through one replica is refused by another within moments", async () => {
    const [a, b] = [await replica(REDIS_URL), await replica(REDIS_URL)];
    const { customer, acting, grantId } = await administratorOfCustomer();
    expect((await b.ok(acting, actingAs)).me.organization.id).toBe(customer.id);
    await revokeGrant(customer, grantId, a);
    const started = Date.now();
    let status = 200;
    while (Date.now() - started < 3_000 && (status = (await b.send(acting, actingAs)).status) === 200) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(status).toBe(403);
    if (process.env.SHOW_TIMES) console.log(`revocation reached the other replica after ${Date.now() - started} ms`);
  });

  it("without Redis, another replica keeps its entry until the TTL (the documented bound)", async () => {
    const [a, c] = [await replica(null), await replica(null)];
    const { customer, acting, grantId } = await administratorOfCustomer();
    expect((await c.ok(acting, actingAs)).me.organization.id).toBe(customer.id);
    await revokeGrant(customer, grantId, a);
    expect((await a.send(acting, actingAs)).status).toBe(403);
    expect((await c.ok(acting, actingAs)).me.organization.id).toBe(customer.id);
  });
});
