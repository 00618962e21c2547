import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

/** Seconds: from a cached answer (a few ms) to the edge of a request's budget. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Series of the process rather than of one service: event-loop lag, memory, GC, internal calls. */
let processRegistry: Registry | null = null;
let internalCalls: Histogram<"target" | "route" | "outcome"> | null = null;
function processMetrics() {
  if (!processRegistry) {
    processRegistry = new Registry();
    // Event-loop lag (nodejs_eventloop_lag_*), heap, GC and handles: read when scraped, not per request.
    collectDefaultMetrics({ register: processRegistry });
    internalCalls = new Histogram({
      name: "partnergraph_internal_call_duration_seconds",
      help: "Signed service-to-service calls made by this process, by target service, route and outcome",
      labelNames: ["target", "route", "outcome"],
      buckets: LATENCY_BUCKETS,
      registers: [processRegistry],
    });
  }
  return { registry: processRegistry, internalCalls: internalCalls! };
}

/** Times one internal call (the caller's side). */
export function observeInternalCall(target: string, route: string, outcome: string, seconds: number): void {
  processMetrics().internalCalls.observe({ target, route, outcome }, seconds);
}

/** One service's series, served at its /metrics with the process's ones; labelled with the service. */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<"operation" | "outcome">;
  readonly requestDuration: Histogram<"operation" | "outcome">;

  constructor(readonly service: string) {
    processMetrics();
    this.registry.setDefaultLabels({ service });
    this.requests = new Counter({
      name: "partnergraph_graphql_requests_total",
      help: "GraphQL requests answered, by operation (contract names only) and outcome (ok or the first error code)",
      labelNames: ["operation", "outcome"],
      registers: [this.registry],
    });
    this.requestDuration = new Histogram({
      name: "partnergraph_graphql_request_duration_seconds",
      help: "Time to answer a GraphQL request, by operation and outcome",
      labelNames: ["operation", "outcome"],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
  }

  observeRequest(operation: string, outcome: string, seconds: number): void {
    this.requests.inc({ operation, outcome });
    this.requestDuration.observe({ operation, outcome }, seconds);
  }

  /** The Prometheus text exposition: this service's series, then the process's. */
  async exposition(): Promise<string> {
    const [own, shared] = await Promise.all([this.registry.metrics(), processMetrics().registry.metrics()]);
    return `${own}\n${shared}`;
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
