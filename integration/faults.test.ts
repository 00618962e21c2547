import { SUBGRAPH_NAMES } from "@partnergraph/kit";
import {
  contractOperation,
  GraphQLResponse,
  Org,
  post,
  PROCESS_STACK_HOOK_MS,
  ProcessStack,
  Seed,
  startProcessStack,
} from "./testkit";

// One subgraph killed or paused while the others answer: the answer keeps what the others own, nulls what the
// failed one owns, and says so with an error naming it; a paused one costs at most the request's deadline.
// Every service in its own process, as in production.
const dashboard = contractOperation("PartnerDashboard");
const detail = contractOperation("CustomerDetail");
/** The request deadline of this file's gateway. */
const DEADLINE_MS = 3_000;

let stack: ProcessStack;
let seed: Seed;
let partner: Org;
let customers: Org[];

beforeAll(async () => {
  // A short request deadline for the whole file, so a paused subgraph costs seconds, not ten.
  // A caller cache that outlives the file's steps, so "resolved moments ago" holds on a loaded machine too.
  stack = await startProcessStack({ env: { REQUEST_TIMEOUT_MS: String(DEADLINE_MS), CALLER_CACHE_TTL_MS: "30000" } });
  seed = new Seed(stack);
  partner = await seed.partner();
  customers = [await seed.customer(), await seed.customer()];
  for (const customer of customers) await seed.connect(partner, customer);
}, PROCESS_STACK_HOOK_MS);
afterAll(() => stack?.stop());

// The testkit's process stack itself (what every test below relies on): every service its own process, found
// by the others through their URLs.
it("answers through the gateway with every service in its own process", async () => {
  const { me } = await seed.client.ok(partner.admin, `{ me { organization { id isPartner } } }`);
  expect(me.organization).toEqual({ id: partner.id, isPartner: true });
  expect(new Set(Object.values(stack.subgraphs).map((service) => service.child.pid)).size).toBe(SUBGRAPH_NAMES.length);
  expect((await post(stack.url, "{ __typename }")).data).toEqual({ __typename: "Query" });
});

const askDashboard = () => seed.client.send(partner.admin, dashboard, { first: 10 });

/** The dashboard's customers, by id, as answered. */
function customersOf(response: GraphQLResponse) {
  const edges = (response.data?.customerDashboard?.edges ?? []) as { node: { customer: Record<string, unknown> } }[];
  return new Map(edges.map(({ node }) => [node.customer.id as string, node.customer]));
}

describe(`a paused subgraph (SIGSTOP) costs at most the request deadline (${DEADLINE_MS} ms)`, () => {
  /** Sends while `name` is paused; resumes it whatever happens. */
  async function whilePaused(name: "support" | "connections", send: () => Promise<GraphQLResponse>) {
    stack.subgraphs[name].signal("SIGSTOP");
    const started = Date.now();
    try {
      const response = await send();
      return { response, elapsedMs: Date.now() - started };
    } finally {
      stack.subgraphs[name].signal("SIGCONT");
    }
  }

  it("support paused: the dashboard answers in time with what the others own and SUBGRAPH_TIMEOUT", async () => {
    const { response, elapsedMs } = await whilePaused("support", askDashboard);
    if (process.env.SHOW_TIMES) console.log(`dashboard with support paused answered in ${elapsedMs} ms`);
    expect(elapsedMs).toBeLessThan(DEADLINE_MS + 1_000);
    expect(response.status).toBe(200);
    for (const customer of customers) {
      expect(customersOf(response).get(customer.id)).toMatchObject({ name: customer.name, trials: [], tickets: null });
    }
    expect(response.errors?.[0]).toMatchObject({
      path: ["customerDashboard", "edges", 0, "node", "customer", "tickets"],
      extensions: { code: "SUBGRAPH_TIMEOUT", service: "support" },
    });
    // Resumed, support drops what the gateway gave up on and answers the next request whole.
    const next = await askDashboard();
    expect(next.errors).toBeUndefined();
    expect(customersOf(next).get(customers[0].id)).toMatchObject({ tickets: { totalCount: 0 } });
  });

  it("connections paused: a subgraph's own call to it has a deadline too, within the request's", async () => {
    // Identity asks connections whether the partner may see the customer before answering the organization.
    const { response, elapsedMs } = await whilePaused("connections", () =>
      seed.client.send(partner.admin, detail, { id: customers[0].id }),
    );
    if (process.env.SHOW_TIMES) console.log(`detail with connections paused answered in ${elapsedMs} ms`);
    expect(elapsedMs).toBeLessThan(DEADLINE_MS + 1_000);
    expect(response.errors?.[0]).toMatchObject({
      extensions: { code: "SUBGRAPH_TIMEOUT", service: "connections" },
    });
  });
});

describe("a killed subgraph nulls only the fields it owns", () => {
  it("entitlements: trials, entitlements and a customer's orders are null; tickets and contacts are there", async () => {
    stack.subgraphs.entitlements.signal("SIGKILL");
    await stack.subgraphs.entitlements.exited;
    const [response, drillDown] = await Promise.all([
      askDashboard(),
      seed.client.send(partner.admin, detail, { id: customers[0].id }),
    ]);
    // Started again for the test after this one, which needs what entitlements owns.
    await stack.restart("entitlements");

    expect(response.status).toBe(200);
    expect(response.data?.customerDashboard.totalCount).toBe(2);
    for (const customer of customers) {
      expect(customersOf(response).get(customer.id)).toMatchObject({
        name: customer.name,
        country: "DE",
        trials: null,
        entitlements: null,
        tickets: { totalCount: 0, edges: [] },
        notifications: { totalCount: expect.any(Number) },
      });
    }
    expect(response.errors).toEqual([
      expect.objectContaining({
        path: ["customerDashboard", "edges", 0, "node", "customer", "trials"],
        extensions: expect.objectContaining({ code: "SUBGRAPH_UNAVAILABLE", service: "entitlements" }),
      }),
    ]);
    expect(drillDown.data?.organization).toMatchObject({ id: customers[0].id, orders: null, contacts: [] });
    expect(drillDown.errors?.[0]).toMatchObject({
      path: ["organization", "orders"],
      extensions: { code: "SUBGRAPH_UNAVAILABLE", service: "entitlements" },
    });
  });

  it("support: tickets and notifications are null, everything else is there", async () => {
    // Support stays down for the rest of the file.
    stack.subgraphs.support.signal("SIGKILL");
    await stack.subgraphs.support.exited;
    const response = await askDashboard();
    expect(response.status).toBe(200);
    expect(response.data?.customerDashboard.totalCount).toBe(2);
    for (const customer of customers) {
      expect(customersOf(response).get(customer.id)).toMatchObject({
        id: customer.id,
        name: customer.name,
        country: "DE",
        trials: [],
        entitlements: [],
        tickets: null,
        notifications: null,
      });
    }
    expect(response.errors).toEqual([
      expect.objectContaining({
        path: ["customerDashboard", "edges", 0, "node", "customer", "tickets"],
        extensions: expect.objectContaining({ code: "SUBGRAPH_UNAVAILABLE", service: "support" }),
      }),
    ]);
  });
});

describe("identity down", () => {
  // Asks only connections and entitlements (no names: those are identity's), as the partner.
  const trialsOfCustomers =
    "query { customerDashboard(first: 10) { totalCount edges { node { customer { id trials { id } } } } } }";

  it("a person resolved moments ago is still served; one who needs resolving gets 503 SERVICE_UNAVAILABLE", async () => {
    await seed.client.ok(partner.admin, trialsOfCustomers);
    const stranger = await seed.person("never-resolved");
    // The last test of the file: identity stays down.
    stack.subgraphs.identity.signal("SIGKILL");
    await stack.subgraphs.identity.exited;

    const served = await seed.client.send(partner.admin, trialsOfCustomers);
    expect(served.errors).toBeUndefined();
    expect(served.data?.customerDashboard.totalCount).toBe(2);

    const refused = await seed.client.send(stranger, "{ __typename }");
    expect(refused.status).toBe(503);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", service: "identity" });
  });
});
