import { disableTracing, enableTracing, flushTracing, SUBGRAPH_NAMES } from "@partnergraph/kit";
import { InMemorySpanExporter, ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { contractOperation, Org, Seed, useStack } from "./testkit";
import type { Stack } from "@partnergraph/scripts";

const dashboard = contractOperation("PartnerDashboard");

// Tracing on for this file's stack, into memory instead of an OTLP collector.
const exporter = new InMemorySpanExporter();
enableTracing(exporter);
afterAll(() => disableTracing());

let stack: Stack;
let seed: Seed;
let partner: Org;
useStack((started) => ({ stack, seed } = started));

// The connection's events are delivered before the request, so their spans do not mingle with its own.
beforeAll(async () => ({ partner } = await seed.connectedPair()));

const serviceOf = (span: ReadableSpan) => String(span.resource.attributes["service.name"]);

it("makes one PartnerDashboard request one trace: the gateway, every subgraph fetch and the SQL statements", async () => {
  await flushTracing();
  exporter.reset();
  const response = await fetch(stack.gateway.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${partner.admin.token}`,
      "x-request-id": "trace-me",
    },
    body: JSON.stringify({ query: dashboard, variables: { first: 5 } }),
  });
  expect(response.status).toBe(200);
  await flushTracing();
  const spans = exporter.getFinishedSpans();

  const root = spans.filter((span) => !span.parentSpanContext);
  expect(root).toHaveLength(1);
  expect(root[0]).toMatchObject({
    name: "graphql PartnerDashboard",
    attributes: { "partnergraph.request_id": "trace-me" },
  });
  expect(serviceOf(root[0])).toBe("partnergraph-gateway");
  expect(new Set(spans.map((span) => span.spanContext().traceId))).toEqual(new Set([root[0].spanContext().traceId]));

  // Every span hangs from another span of the trace: the trace is one tree, not fragments.
  const ids = new Set(spans.map((span) => span.spanContext().spanId));
  for (const span of spans) if (span !== root[0]) expect(ids).toContain(span.parentSpanContext?.spanId);

  const services = new Set(spans.map(serviceOf));
  // Every subgraph the dashboard asks (webhooks and audit hold nothing it reads).
  const asked = SUBGRAPH_NAMES.filter((name) => name !== "webhooks" && name !== "audit");
  for (const name of ["gateway", ...asked]) expect(services).toContain(`partnergraph-${name}`);
  for (const subgraph of asked) {
    expect(spans).toContainEqual(expect.objectContaining({ name: `POST ${subgraph}` }));
    const own = spans.filter((span) => serviceOf(span) === `partnergraph-${subgraph}`);
    expect(own.some((span) => span.name.startsWith("graphql PartnerDashboard__"))).toBe(true);
    expect(own.some((span) => typeof span.attributes["db.query.text"] === "string")).toBe(true);
  }
  // @apollo/gateway's own spans (plan, fetch) join the same trace.
  expect(spans.map((span) => span.name)).toEqual(
    expect.arrayContaining(["gateway.request", "gateway.plan", "gateway.fetch"]),
  );
});
