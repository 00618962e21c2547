import { constants, PerformanceObserver } from "node:perf_hooks";
import { getHeapSpaceStatistics } from "node:v8";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

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
    watchHeapAfterMajorGc(processRegistry);
  }
  return { registry: processRegistry, internalCalls: internalCalls! };
}

/**
 * The old generation's heap in use right after each major (mark-compact) collection: what the process keeps
 * alive. RSS and the heap's size follow the garbage between collections and V8's sizing of its spaces, so they
 * wander by tens of MB under steady load; this one rises only when the process keeps more (a cache filling, a leak).
 */
function watchHeapAfterMajorGc(registry: Registry) {
  const gauge = new Gauge({
    name: "partnergraph_heap_after_major_gc_bytes",
    help: "V8 heap in use outside the young generation just after the last major collection (0 before the first)",
    registers: [registry],
  });
  gauge.set(0);
  new PerformanceObserver((list) => {
    const major = list
      .getEntries()
      .some((entry) => (entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
    if (!major) return;
    const spaces = getHeapSpaceStatistics().filter((space) => !space.space_name.startsWith("new_"));
    gauge.set(spaces.reduce((sum, space) => sum + space.space_used_size, 0));
  }).observe({ entryTypes: ["gc"] });
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
