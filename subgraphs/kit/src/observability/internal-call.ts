import { config, SUBGRAPH_NAMES } from "../config";
import { outcomeOf } from "./apollo-plugin";
import { observeInternalCall } from "./metrics";
import { REQUEST_ID_HEADER } from "./request-id";
import { currentScope } from "./scope";
import { injectTraceHeaders, inSpan, SpanKind, tracerOf } from "./tracing";

/** The service a URL points at, as a bounded label. */
function targetOf(graphqlUrl: string): string {
  return SUBGRAPH_NAMES.find((name) => config().subgraphUrls[name] === graphqlUrl) ?? "other";
}

/**
 * Sends an internal call with the request's id (and trace context when tracing is on), timing it by target,
 * route and outcome; `send` gets the headers to add.
 */
export async function observedInternalCall<T>(
  graphqlUrl: string,
  route: string,
  send: (headers: Record<string, string>) => Promise<T>,
): Promise<T> {
  const scope = currentScope();
  const headers: Record<string, string> = scope ? { [REQUEST_ID_HEADER]: scope.requestId } : {};
  const target = targetOf(graphqlUrl);
  const tracer = scope?.service ? tracerOf(scope.service) : null;
  const started = performance.now();
  let outcome = "ok";
  try {
    if (!tracer) return await send(headers);
    return await inSpan(tracer, `internal ${route}`, SpanKind.CLIENT, { "partnergraph.target": target }, () => {
      injectTraceHeaders(headers);
      return send(headers);
    });
  } catch (error) {
    outcome = outcomeOf((error as { code?: unknown }).code);
    throw error;
  } finally {
    observeInternalCall(target, route, outcome, (performance.now() - started) / 1000);
  }
}
