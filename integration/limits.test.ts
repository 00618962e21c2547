import { config } from "@partnergraph/kit";
import type { Stack } from "@partnergraph/scripts";
import { GraphQLResponse, post, sample, scrape, Seed, useStack } from "./testkit";

// Work per request is bounded before any subgraph is asked (README, "Limits"): aliases, depth, tokens, directives
// and cost, each refused with 400, QUERY_TOO_COMPLEX and the figure; every answer carries its cost and budget.
let stack: Stack;
let seed: Seed;
useStack((started) => ({ stack, seed } = started));

const limits = () => config().limits;

/** Subgraph fetches the gateway made while `work` ran (the tests of a file run one at a time). */
async function subgraphFetches(work: () => Promise<unknown>): Promise<number> {
  const count = async () =>
    sample(await scrape(stack.gateway.url), "partnergraph_subgraph_fetch_duration_seconds_count") || 0;
  const before = await count();
  await work();
  return (await count()) - before;
}

function expectRefused(response: GraphQLResponse, limit: string, words: string) {
  expect(response.status).toBe(400);
  const [error] = response.errors!;
  expect(error.extensions?.code).toBe("QUERY_TOO_COMPLEX");
  expect(error.extensions?.limit).toBe(limit);
  expect(error.message).toContain(words);
  expect(response.data).toBeUndefined();
}

describe("abuse limits", () => {
  it("refuses a flood of 300 aliases with the figure, before any subgraph fetch", async () => {
    const partner = await seed.partner();
    const aliases = Array.from({ length: 300 }, (_, i) => `a${i}: customerDashboard(first: 100) { totalCount }`).join(
      "\n",
    );
    let response!: GraphQLResponse;
    const fetches = await subgraphFetches(async () => {
      response = await post(stack.gateway.url, `{ ${aliases} }`, {}, partner.admin);
    });
    expectRefused(response, "aliases", `300 aliases; at most ${limits().maxAliases}`);
    expect(response.errors![0].extensions).toMatchObject({ figure: 300, max: limits().maxAliases });
    expect(fetches).toBe(0);
    // The same flood again is refused from the gateway's verdict on the document, still without a fetch.
    expect(await subgraphFetches(() => post(stack.gateway.url, `{ ${aliases} }`, {}, partner.admin))).toBe(0);
  });

  it("counts the aliases a fragment brings wherever it is spread", async () => {
    const partner = await seed.partner();
    const fragment = Array.from({ length: 8 }, (_, i) => `f${i}: id`).join(" ");
    const spreads = Array.from({ length: 4 }, (_, i) => `o${i}: me { ...Aliased }`).join(" ");
    const response = await post(
      stack.gateway.url,
      `{ ${spreads} } fragment Aliased on User { ${fragment} }`,
      {},
      partner.admin,
    );
    expectRefused(response, "aliases", `36 aliases; at most ${limits().maxAliases}`);
  });

  it("refuses an operation nested deeper than the limit", async () => {
    const person = await seed.person();
    let selection = "id";
    for (let i = 0; i < limits().maxDepth; i++) selection = `organization { ${selection} }`;
    const response = await post(
      stack.gateway.url,
      `{ me { homeOrganization { memberships { ${selection} } } } }`,
      {},
      person,
    );
    expectRefused(response, "depth", `nested ${limits().maxDepth + 4} deep; at most ${limits().maxDepth}`);
  });

  it("refuses a document of too many tokens before parsing it", async () => {
    const person = await seed.person();
    const fields = Array.from({ length: limits().maxTokens }, () => "__typename").join(" ");
    const response = await post(stack.gateway.url, `{ ${fields} }`, {}, person);
    expectRefused(response, "tokens", `${limits().maxTokens + 2} tokens; at most ${limits().maxTokens}`);
  });

  it("refuses too many directives", async () => {
    const person = await seed.person();
    const count = limits().maxDirectives + 1;
    const fields = Array.from({ length: count }, () => "__typename @include(if: true)").join(" ");
    const response = await post(stack.gateway.url, `{ ${fields} }`, {}, person);
    expectRefused(response, "directives", `${count} directives; at most ${limits().maxDirectives}`);
  });
});

describe("cost", () => {
  // 1 (the connection) + 100 edges × (edge 1 + node 1 + customer 1 + tickets (1 + 100 × 2) + notifications (1 + 100 × 2))
  const EXPENSIVE = `query($first: Int!) { customerDashboard(first: $first) { edges { node { customer {
    tickets(first: 100) { edges { node { id } } }
    notifications(first: 100) { edges { node { id } } } } } } } }`;

  it("refuses an operation costing more than the maximum, with the figure, before any subgraph fetch", async () => {
    const partner = await seed.partner();
    let response!: GraphQLResponse;
    const fetches = await subgraphFetches(async () => {
      response = await post(stack.gateway.url, EXPENSIVE, { first: 100 }, partner.admin);
    });
    expectRefused(response, "cost", `costs 40501; at most ${limits().maxCost}`);
    expect(fetches).toBe(0);
  });

  it("reads the page size from the variables: the same document with a small page is answered", async () => {
    const partner = await seed.partner();
    const response = await post(stack.gateway.url, EXPENSIVE, { first: 2 }, partner.admin);
    expect(response.status).toBe(200);
    expect(response.extensions?.cost?.requested).toBe(1 + 2 * 405);
  });

  it("a page size no subgraph would accept still counts: a huge first is refused for its cost", async () => {
    const partner = await seed.partner();
    const response = await post(stack.gateway.url, EXPENSIVE, { first: 1_000_000_000 }, partner.admin);
    expectRefused(response, "cost", `at most ${limits().maxCost}`);
  });

  it("measures a fragment bomb once per fragment, and refuses it for its cost", async () => {
    const person = await seed.person();
    // Each fragment spreads the one below twice: 2^20 memberships lists, from a document of 21 short fragments.
    const fragments = Array.from(
      { length: 20 },
      (_, i) => `fragment F${i} on Organization { ...F${i + 1} ... on Organization { ...F${i + 1} } }`,
    ).join("\n");
    const query = `{ me { homeOrganization { ...F0 } } } ${fragments} fragment F20 on Organization { memberships { id } }`;
    const response = await post(stack.gateway.url, query, {}, person);
    expectRefused(response, "cost", `costs ${2 + 2 ** 20 * 10}; at most`);
  });

  it("answers extensions.cost with what was requested and what was really resolved", async () => {
    const { partner } = await seed.connectedPair();
    const response = await post(
      stack.gateway.url,
      `{ customerDashboard(first: 50) { totalCount edges { node { customer { id name } } } } }`,
      {},
      partner.admin,
    );
    expect(response.status).toBe(200);
    expect(response.data.customerDashboard.edges).toHaveLength(1);
    // Requested: the connection 1 + 50 × (edge, node, customer). Resolved: the connection, one edge, node, customer.
    expect(response.extensions?.cost).toEqual({ requested: 1 + 50 * 3, actual: 4 });
  });
});

describe("every answer carries its budget", () => {
  const budgetHeaders = (response: GraphQLResponse) => ({
    limit: Number(response.headers.get("ratelimit-limit")),
    remaining: Number(response.headers.get("ratelimit-remaining")),
    reset: Number(response.headers.get("ratelimit-reset")),
  });

  it("an answered operation spends its cost from the organization's budget", async () => {
    const partner = await seed.partner();
    const first = budgetHeaders(
      await post(stack.gateway.url, `{ customerDashboard(first: 40) { edges { cursor } } }`, {}, partner.admin),
    );
    expect(first.limit).toBe(limits().costPerMinute);
    // 1 + 40 edges; a whole minute's budget leaks in a minute, so it is back within a second.
    expect(first.remaining).toBe(limits().costPerMinute - 41);
    expect(first.reset).toBe(1);
  });

  it("refusals and failed operations carry it too", async () => {
    const person = await seed.person();
    let nested = "id";
    for (let i = 0; i <= limits().maxDepth; i++) nested = `homeOrganization { ${nested} }`;
    const tooDeep = await post(stack.gateway.url, `{ me { ${nested} } }`, {}, person);
    const unknownField = await post(stack.gateway.url, `{ me { noSuchField } }`, {}, person);
    const anonymous = await post(stack.gateway.url, `{ __typename }`);
    for (const response of [tooDeep, unknownField, anonymous]) {
      expect(response.headers.get("ratelimit-limit")).toBe(String(limits().costPerMinute));
      expect(Number(response.headers.get("ratelimit-remaining"))).toBeGreaterThan(0);
    }
    expect(tooDeep.status).toBe(400);
    expect(unknownField.status).toBe(400);
    expect(unknownField.extensions?.cost).toEqual({ requested: expect.any(Number), actual: 0 });
    expect(anonymous.extensions?.cost).toEqual({ requested: 0, actual: 0 });
  });
});

describe("broken and abusive requests", () => {
  it("a page size of the wrong type is refused by validation, not counted as a crash", async () => {
    const partner = await seed.partner();
    const response = await post(
      stack.gateway.url,
      `query($n: Int!) { customerDashboard(first: $n) { totalCount } }`,
      { n: "many" },
      partner.admin,
    );
    expect(response.status).toBe(400);
    expect(response.errors![0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("variables that are not an object, a query that is not a string, an unknown operation name: 400 each", async () => {
    const person = await seed.person();
    const send = (body: unknown) =>
      fetch(stack.gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${person.token}` },
        body: JSON.stringify(body),
      });
    for (const body of [
      { query: "{ me { id } }", variables: [1, 2] },
      { query: 42 },
      { query: "query A { me { id } }", operationName: "B" },
      [{ query: "{ me { id } }" }, { query: "{ me { id } }" }],
    ]) {
      const response = await send(body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
  });

  it("a GET request is judged like a POST", async () => {
    const person = await seed.person();
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: __typename`).join(" ");
    const response = await fetch(`${stack.gateway.url}?query=${encodeURIComponent(`{ ${aliases} }`)}`, {
      headers: { authorization: `Bearer ${person.token}`, "apollo-require-preflight": "true" },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as GraphQLResponse;
    expect(body.errors![0].message).toContain(`40 aliases; at most ${limits().maxAliases}`);
  });
});
