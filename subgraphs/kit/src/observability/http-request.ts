import type { IncomingMessage, ServerResponse } from "node:http";
import { logger } from "../logger";
import type { ServiceMetrics } from "./metrics";
import { operationLabel } from "./operation-label";
import { REQUEST_ID_HEADER, requestIdFrom } from "./request-id";
import { RequestScope, runInScope } from "./scope";
import { incomingContext, inSpan, SpanKind, tracerOf } from "./tracing";

export type RouteKind = "graphql" | "internal" | "other";

/**
 * Runs one HTTP request in its scope: the request id (the client's or a new one) is answered in `x-request-id` and
 * carried by every log line, internal call and event the request causes; GraphQL requests end with one access
 * line and their metrics; with tracing on, /graphql and /internal requests are server spans continuing the
 * caller's trace.
 */
export async function observeHttpRequest(
  service: string,
  metrics: ServiceMetrics | undefined,
  kind: RouteKind,
  request: IncomingMessage,
  response: ServerResponse,
  handle: () => Promise<unknown>,
): Promise<void> {
  const scope = new RequestScope(requestIdFrom(request.headers), service);
  response.setHeader(REQUEST_ID_HEADER, scope.requestId);
  const started = performance.now();
  const tracer = kind === "other" ? null : tracerOf(service);
  await runInScope(scope, () =>
    tracer
      ? inSpan(
          tracer,
          `${request.method} ${kind === "graphql" ? "/graphql" : (request.url ?? "")}`,
          SpanKind.SERVER,
          { "partnergraph.request_id": scope.requestId, "http.request.method": request.method ?? "" },
          async (span) => {
            scope.span = span;
            await handle();
            span.setAttribute("http.response.status_code", response.statusCode);
          },
          incomingContext(request.headers),
        )
      : handle(),
  );
  if (kind === "graphql") runInScope(scope, () => finishGraphQL(scope, metrics, response, started));
}

function finishGraphQL(
  scope: RequestScope,
  metrics: ServiceMetrics | undefined,
  response: ServerResponse,
  started: number,
) {
  const seconds = (performance.now() - started) / 1000;
  const status = response.statusCode;
  const outcome = scope.outcome ?? (status >= 400 ? `HTTP_${status}` : "ok");
  metrics?.observeRequest(operationLabel(scope.operationName), outcome, seconds);
  logger.info("graphql request", {
    operation: scope.operationName?.slice(0, 120) ?? null,
    durationMs: Math.round(seconds * 10_000) / 10,
    status,
    outcome,
    ...(scope.service === "gateway" ? { subgraphFetches: scope.subgraphFetches } : {}),
    organizationId: scope.organizationId,
  });
}
