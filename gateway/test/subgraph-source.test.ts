import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { RequestScope, runInScope, setDeadline, verifyContext, CONTEXT_HEADER } from "@partnergraph/kit";
import { parse } from "graphql";
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { firstFieldPath, SubgraphSource } from "../src/subgraph-source";

// The gateway's enum is not exported; its value is this string.
const INCOMING = "incoming operation" as Extract<GraphQLDataSourceProcessOptions["kind"], `${string}operation`>;

// The gateway's fetch of one subgraph against a scripted server: retries, deadlines and what a failure becomes.
type Behaviour = (request: IncomingMessage, response: ServerResponse) => void;
let behaviours: Behaviour[] = [];
let seen: { body: string; context: ReturnType<typeof verifyContext> }[] = [];
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      seen.push({ body, context: verifyContext(request.headers[CONTEXT_HEADER] as string) });
      (behaviours.shift() ?? answer)(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  behaviours = [];
  seen = [];
});

const answer: Behaviour = (_, response) => {
  response.writeHead(200, { "content-type": "application/json" });
  response.end(JSON.stringify({ data: { me: { id: "USR-1" } } }));
};
/** The connection drops before a byte of the answer: what a stale keep-alive socket looks like. */
const reset: Behaviour = (request) => request.socket.destroy();
const hang: Behaviour = () => undefined;
const unavailable: Behaviour = (_, response) => {
  response.writeHead(503);
  response.end("overloaded");
};

function fetchWith(query: string, deadlineInMs = 10_000) {
  const source = new SubgraphSource({ name: "identity", url });
  return runInScope(new RequestScope("r-1", "gateway"), () => {
    setDeadline(Date.now() + deadlineInMs);
    return source.process({
      kind: INCOMING,
      request: { query },
      context: { requestId: "r-1", caller: null },
      incomingRequestContext: {} as never,
    });
  });
}

it("answers, forwarding a signed context that carries the fetch's deadline", async () => {
  const started = Date.now();
  expect(await fetchWith("query { me { id } }", 10_000)).toEqual({ data: { me: { id: "USR-1" } } });
  const deadline = seen[0].context!.deadline!;
  // Half of what was left of the request: about 5 s.
  expect(deadline - started).toBeGreaterThan(4_000);
  expect(deadline - started).toBeLessThanOrEqual(5_100);
});

it("sends a query once more on a fresh connection when the connection is reset before any answer", async () => {
  behaviours = [reset, answer];
  expect(await fetchWith("query { me { id } }")).toEqual({ data: { me: { id: "USR-1" } } });
  expect(seen).toHaveLength(2);
});

it("retries a query only once", async () => {
  behaviours = [reset, reset, answer];
  const response = await fetchWith("query { me { id } }");
  expect(response.errors?.[0]).toMatchObject({ path: ["me"], extensions: { code: "SUBGRAPH_UNAVAILABLE" } });
  expect(seen).toHaveLength(2);
});

it("never sends a mutation twice", async () => {
  behaviours = [reset, answer];
  const response = await fetchWith("mutation Register__identity__0 { registerOrganization { id } }");
  expect(response.errors?.[0]).toMatchObject({
    path: ["registerOrganization"],
    extensions: { code: "SUBGRAPH_UNAVAILABLE", service: "identity" },
  });
  expect(seen).toHaveLength(1);
});

it("gives up at its share of the deadline with SUBGRAPH_TIMEOUT", async () => {
  behaviours = [hang];
  const started = Date.now();
  const response = await fetchWith("query { me { id } }", 2_000);
  expect(Date.now() - started).toBeLessThan(2_000 + 1_000);
  expect(response.errors?.[0]).toMatchObject({
    message: "identity did not answer in time",
    extensions: { code: "SUBGRAPH_TIMEOUT", service: "identity" },
  });
});

it("asks nothing once the request's time is up", async () => {
  const response = await fetchWith("query { me { id } }", -1);
  expect(response.errors?.[0]).toMatchObject({ extensions: { code: "SUBGRAPH_TIMEOUT" } });
  expect(seen).toHaveLength(0);
});

it("takes 502–504 for unavailable, and does not retry them", async () => {
  behaviours = [unavailable, answer];
  const response = await fetchWith("query { me { id } }");
  expect(response.errors?.[0]).toMatchObject({ extensions: { code: "SUBGRAPH_UNAVAILABLE" } });
  expect(seen).toHaveLength(1);
});

it("takes a refused connection for unavailable", async () => {
  const source = new SubgraphSource({ name: "support", url: "http://127.0.0.1:1/graphql" });
  const response = await source.process({
    kind: INCOMING,
    request: { query: "{ a }" },
    context: {},
    incomingRequestContext: {} as never,
  });
  expect(response.errors?.[0]).toMatchObject({
    path: ["a"],
    extensions: { code: "SUBGRAPH_UNAVAILABLE", service: "support" },
  });
});

describe("the path of a failed fetch", () => {
  it.each([
    ["{ customerDashboard { totalCount } }", ["customerDashboard"]],
    ["query Q { __typename first: organization(id: 1) { id } }", ["first"]],
    [
      `query($representations: [_Any!]!) { _entities(representations: $representations) {
         ... on Organization { __typename tickets { totalCount } notifications { totalCount } } } }`,
      ["_entities", 0, "tickets"],
    ],
    [
      `query($r: [_Any!]!) { _entities(representations: $r) { ...F } } fragment F on Organization { open: tickets { totalCount } }`,
      ["_entities", 0, "open"],
    ],
  ])("%s", (query, path) => {
    expect(firstFieldPath(parse(query))).toEqual(path);
  });
});
