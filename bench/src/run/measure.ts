import { REQUEST_ID_HEADER, SUBGRAPH_NAMES } from "@partnergraph/kit";
import { randomUUID } from "node:crypto";
import { Amount, load, LoadResult, Request } from "./load";
import { cpuMs, peakRss } from "./proc-stats";
import type { Engine, Scenario } from "./scenarios";
import { BenchStack, statementsOf } from "./stack";

/** What one measured run of one cell gave. */
export interface Sample extends LoadResult {
  gatewayRssMb: number;
  gatewayCpuMsPerRequest: number;
  subgraphCpuMsPerRequest: number;
}

export function requestFor(stack: BenchStack, engine: Engine, scenario: Scenario, token: string): Request {
  return {
    url: stack.engines[engine].url,
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: scenario.query, variables: scenario.variables }),
  };
}

export async function send(request: Request): Promise<{ data?: unknown; errors?: unknown[] }> {
  const response = await fetch(request.url, { method: "POST", headers: request.headers, body: request.body });
  return (await response.json()) as { data?: unknown; errors?: unknown[] };
}

/** The services an engine's requests reach: a gateway's four subgraphs, or the monolith alone. */
function servicesOf(stack: BenchStack, engine: Engine) {
  return engine === "monolith" ? { monolith: stack.engines.monolith } : stack.subgraphs;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * SQL statements one request costs, per service: each request is sent with its own `x-request-id`, and every
 * service counts the statements it ran for that id (internal calls and fetches carry it), so a background
 * statement (the outbox relay's poll, the expiry scanner) never counts. The median of `samples` requests.
 */
export async function statementsPerRequest(
  stack: BenchStack,
  engine: Engine,
  request: Request,
  samples = 3,
): Promise<Record<string, number>> {
  const services = Object.entries(servicesOf(stack, engine));
  const counts: Record<string, number[]> = Object.fromEntries(services.map(([name]) => [name, []]));
  for (let i = 0; i < samples; i++) {
    const requestId = `bench-${randomUUID()}`;
    const answer = await send({ ...request, headers: { ...request.headers, [REQUEST_ID_HEADER]: requestId } });
    if (answer.errors) throw new Error(`${engine} answered with errors: ${JSON.stringify(answer.errors)}`);
    const counted = await Promise.all(services.map(([, service]) => statementsOf(service, requestId)));
    services.forEach(([name], k) => counts[name].push(counted[k]));
  }
  return Object.fromEntries(Object.entries(counts).map(([name, values]) => [name, median(values)]));
}

/** Load at fixed concurrency for an amount (after a warm-up not counted), with the engine's peak RSS and everyone's CPU. */
export async function measure(
  stack: BenchStack,
  engine: Engine,
  request: Request,
  { connections, amount, warmup }: { connections: number; amount: Amount; warmup: Amount },
): Promise<Sample> {
  await load(request, connections, warmup);
  const gateway = stack.engines[engine];
  const subgraphPids = engine === "monolith" ? [] : SUBGRAPH_NAMES.map((name) => stack.subgraphs[name].pid);
  const cpu = () => ({
    gateway: cpuMs(gateway.pid),
    subgraphs: subgraphPids.reduce((sum, pid) => sum + cpuMs(pid), 0),
  });
  const rss = peakRss(gateway.pid);
  const before = cpu();
  const result = await load(request, connections, amount);
  const after = cpu();
  const perRequest = (ms: number) => (result.requests ? ms / result.requests : 0);
  return {
    ...result,
    gatewayRssMb: rss.stop(),
    gatewayCpuMsPerRequest: perRequest(after.gateway - before.gateway),
    subgraphCpuMsPerRequest: perRequest(after.subgraphs - before.subgraphs),
  };
}
