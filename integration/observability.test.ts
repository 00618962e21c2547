import { setConfig, setLogDestination, SUBGRAPH_NAMES } from "@partnergraph/kit";

/** The subgraphs PartnerDashboard asks (webhooks and audit hold nothing it reads). */
const DASHBOARD_SUBGRAPHS = SUBGRAPH_NAMES.filter((name) => name !== "webhooks" && name !== "audit");
import { contractOperation, onMysql, Org, post, sample, scrape, Seed, useStack } from "./testkit";
import type { Stack } from "@partnergraph/scripts";

const dashboard = contractOperation("PartnerDashboard");

// Every line any service of this in-process stack writes, read back as JSON.
const lines: Record<string, any>[] = [];
setConfig({ logLevel: "info" });
setLogDestination({ write: (line: string) => void lines.push(JSON.parse(line)) });

let stack: Stack;
let seed: Seed;
let partner: Org;
useStack((started) => ({ stack, seed } = started));

beforeAll(async () => {
  const { partner: connected, customer } = await seed.connectedPair();
  partner = connected;
  await seed.client.ok(customer.admin, `mutation { requestTrial(serviceCode: "SDWAN") { id } }`);
});

const ask = (headers: Record<string, string> = {}) =>
  fetch(stack.gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${partner.admin.token}`, ...headers },
    body: JSON.stringify({ query: dashboard, variables: { first: 5 } }),
  });

describe("request ids", () => {
  it("answer the client's x-request-id, and every service logs the dashboard request with it", async () => {
    lines.length = 0;
    const response = await ask({ "x-request-id": "abc-123" });
    const body = (await response.json()) as { data?: any; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data.customerDashboard.totalCount).toBe(1);
    expect(response.headers.get("x-request-id")).toBe("abc-123");

    const withId = lines.filter((line) => line.requestId === "abc-123");
    expect(new Set(withId.map((line) => line.service))).toEqual(new Set(["gateway", ...DASHBOARD_SUBGRAPHS]));
    const access = withId.find((line) => line.service === "gateway" && line.msg === "graphql request");
    expect(access).toMatchObject({
      operation: "PartnerDashboard",
      status: 200,
      outcome: "ok",
      organizationId: partner.id,
      durationMs: expect.any(Number),
    });
    // customers from connections, names from identity, trials from entitlements, tickets and notifications from support
    expect(access!.subgraphFetches).toBeGreaterThanOrEqual(4);
    for (const subgraph of DASHBOARD_SUBGRAPHS) {
      expect(withId).toContainEqual(
        expect.objectContaining({
          service: subgraph,
          msg: "graphql request",
          operation: expect.stringMatching(/^PartnerDashboard__/),
        }),
      );
    }
    // The token the request carried is on no line.
    expect(JSON.stringify(lines)).not.toContain(partner.admin.token);
  });

  it("make a new id for an unacceptable x-request-id, and take a traceparent's trace id", async () => {
    const refused = await ask({ "x-request-id": "no spaces allowed" });
    expect(refused.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const traced = await ask({ traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
    expect(traced.headers.get("x-request-id")).toBe(traceId);
    const none = await post(stack.gateway.url, "{ __typename }");
    expect(none.status).toBe(200);
  });
});

describe("/metrics", () => {
  const services = () => ({
    gateway: stack.gateway.url,
    ...Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, stack.subgraphs[n].url])),
  });

  it("shows every service's series moving after a dashboard request", async () => {
    const before = Object.fromEntries(
      await Promise.all(Object.entries(services()).map(async ([n, url]) => [n, await scrape(url)])),
    );
    expect((await ask()).status).toBe(200);
    const after = Object.fromEntries(
      await Promise.all(Object.entries(services()).map(async ([n, url]) => [n, await scrape(url)])),
    );
    const moved = (service: string, name: string, labels: Record<string, string>) =>
      (sample(after[service], name, labels) || 0) - (sample(before[service], name, labels) || 0);

    const dashboardOk = { operation: "PartnerDashboard", outcome: "ok" };
    for (const service of ["gateway", ...DASHBOARD_SUBGRAPHS]) {
      expect(moved(service, "partnergraph_graphql_requests_total", { service, ...dashboardOk })).toBeGreaterThanOrEqual(
        1,
      );
      expect(moved(service, "partnergraph_graphql_request_duration_seconds_count", dashboardOk)).toBeGreaterThanOrEqual(
        1,
      );
      expect(sample(after[service], "nodejs_eventloop_lag_seconds")).toBeGreaterThanOrEqual(0);
    }
    for (const subgraph of DASHBOARD_SUBGRAPHS) {
      expect(
        moved("gateway", "partnergraph_subgraph_fetch_duration_seconds_count", { subgraph, outcome: "ok" }),
      ).toBeGreaterThanOrEqual(1);
    }
    // Support asks connections nothing: the page's access grant answers who is connected (kit access.ts). The
    // gateway asked identity who the caller is (once: the caller cache answers the next requests).
    expect(
      moved("support", "partnergraph_internal_call_duration_seconds_count", { target: "connections", route: "access" }),
    ).toBe(0);
    expect(
      sample(after.gateway, "partnergraph_internal_call_duration_seconds_count", {
        target: "identity",
        route: "caller",
      }),
    ).toBeGreaterThanOrEqual(1);

    for (const publisher of ["connections", "entitlements"]) {
      expect(sample(after[publisher], "partnergraph_outbox_pending_events")).toBeGreaterThanOrEqual(0);
      expect(sample(after[publisher], "partnergraph_outbox_oldest_pending_age_seconds")).toBeGreaterThanOrEqual(0);
    }
    if (onMysql()) {
      for (const subgraph of SUBGRAPH_NAMES) {
        expect(sample(after[subgraph], "partnergraph_db_pool_connections", { state: "idle" })).toBeGreaterThanOrEqual(
          1,
        );
        expect(sample(after[subgraph], "partnergraph_db_pool_connections", { state: "in_use" })).toBeGreaterThanOrEqual(
          0,
        );
      }
    }
  });

  it("labels operations outside the contract as other, so clients cannot mint series", async () => {
    await post(stack.gateway.url, "query MadeUp123 { __typename }");
    const text = await scrape(stack.gateway.url);
    expect(text).not.toContain("MadeUp123");
    expect(sample(text, "partnergraph_graphql_requests_total", { operation: "other" })).toBeGreaterThanOrEqual(1);
  });
});
