import {
  currentScope,
  injectTraceHeaders,
  inSpan,
  REQUEST_ID_HEADER,
  ServiceMetrics,
  SpanKind,
  tracerOf,
} from "@partnergraph/kit";
import { Counter, Histogram } from "prom-client";

/** The gateway's view of each subgraph: how long its fetches take and how they fail. */
export class SubgraphFetchMetrics {
  readonly duration: Histogram<"subgraph" | "outcome">;
  readonly errors: Counter<"subgraph" | "kind">;

  constructor(metrics: ServiceMetrics) {
    this.duration = new Histogram({
      name: "partnergraph_subgraph_fetch_duration_seconds",
      help: "Gateway fetches of a subgraph, by subgraph and outcome (ok, http_4xx, http_5xx, timeout, network)",
      labelNames: ["subgraph", "outcome"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [metrics.registry],
    });
    this.errors = new Counter({
      name: "partnergraph_subgraph_fetch_errors_total",
      help: "Gateway fetches of a subgraph that failed, by subgraph and kind",
      labelNames: ["subgraph", "kind"],
      registers: [metrics.registry],
    });
  }
}

function failureKind(error: unknown): string {
  const name = (error as Error)?.name;
  return name === "AbortError" || name === "TimeoutError" ? "timeout" : "network";
}

/**
 * Wraps the fetcher of one subgraph's data source: the request id goes along as `x-request-id` (beside the signed
 * context), the trace context as `traceparent` when tracing is on; the fetch is counted for the access line
 * and timed by outcome.
 */
export function observedSubgraphFetch(
  subgraph: string,
  metrics: SubgraphFetchMetrics,
  fetcher: typeof fetch = fetch,
): typeof fetch {
  return async (input, init = {}) => {
    const scope = currentScope();
    const headers = { ...(init.headers as Record<string, string> | undefined) };
    if (scope) {
      headers[REQUEST_ID_HEADER] = scope.requestId;
      scope.subgraphFetches++;
    }
    const tracer = tracerOf("gateway");
    const started = performance.now();
    let outcome = "ok";
    try {
      const send = () => fetcher(input, { ...init, headers });
      const response = tracer
        ? await inSpan(tracer, `POST ${subgraph}`, SpanKind.CLIENT, { "partnergraph.subgraph": subgraph }, (span) => {
            injectTraceHeaders(headers);
            return send().then((answer) => {
              span.setAttribute("http.response.status_code", answer.status);
              return answer;
            });
          })
        : await send();
      if (!response.ok) outcome = response.status >= 500 ? "http_5xx" : "http_4xx";
      return response;
    } catch (error) {
      outcome = failureKind(error);
      throw error;
    } finally {
      metrics.duration.observe({ subgraph, outcome }, (performance.now() - started) / 1000);
      if (outcome !== "ok") metrics.errors.inc({ subgraph, kind: outcome });
    }
  };
}
