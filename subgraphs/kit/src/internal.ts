import { config, SubgraphName, SUBGRAPH_NAMES } from "./config";
import { callBudgetMs, isTimeout } from "./deadline";
import { SubgraphUnavailableError } from "./errors";
import { observedInternalCall } from "./observability/internal-call";
import { hmac, safeEqual } from "./signing";

/**
 * Service-to-service calls (the gateway resolving a caller, a subgraph asking the access decision):
 * POST JSON to /internal/<route>, the body signed with the internal secret and a timestamp.
 */
export const SIGNATURE_HEADER = "x-partnergraph-signature";
const SIGNATURE_TTL_MS = 60_000;

export type InternalRoute = (body: any) => Promise<unknown>;
export type InternalRoutes = Record<string, InternalRoute>;

function signature(timestamp: number, body: string, secret: string) {
  return `t=${timestamp},s=${hmac(secret, `internal.${timestamp}.${body}`)}`;
}

export function verifySignature(
  header: string | undefined,
  body: string,
  secret = config().internalSecret,
  now = Date.now(),
): boolean {
  const match = /^t=(\d+),s=([\w-]+)$/.exec(header ?? "");
  if (!match) return false;
  const timestamp = Number(match[1]);
  if (Math.abs(now - timestamp) > SIGNATURE_TTL_MS) return false;
  return safeEqual(header!, signature(timestamp, body, secret));
}

export class InternalCallError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** The subgraph a URL belongs to, for errors that name the service that failed. */
function serviceAt(graphqlUrl: string): string {
  const urls = config().subgraphUrls;
  return SUBGRAPH_NAMES.find((name) => urls[name] === graphqlUrl) ?? new URL(graphqlUrl).host;
}

/**
 * Calls another service's internal route; `graphqlUrl` is the service's /graphql URL. Within a request the call
 * gets a share of the request's remaining budget (INTERNAL_CALL_TIMEOUT_MS outside one); a service that refuses,
 * resets, answers 502–504 or runs out of time fails as SUBGRAPH_UNAVAILABLE or SUBGRAPH_TIMEOUT naming it.
 * Never retried: some routes write.
 */
export async function callInternal<T>(graphqlUrl: string, route: string, body: unknown): Promise<T> {
  const url = graphqlUrl.replace(/\/graphql$/, `/internal/${route}`);
  const budgetMs = callBudgetMs();
  if (budgetMs <= 0) throw new SubgraphUnavailableError(serviceAt(graphqlUrl), true);
  const text = JSON.stringify(body);
  return observedInternalCall(graphqlUrl, route, async (headers) => {
    let response: Response;
    let result: { error?: string; code?: string };
    try {
      response = await fetch(url, {
        method: "POST",
        headers: {
          ...headers,
          "content-type": "application/json",
          [SIGNATURE_HEADER]: signature(Date.now(), text, config().internalSecret),
        },
        body: text,
        signal: AbortSignal.timeout(budgetMs),
      });
      result = (await response.json().catch((error: unknown) => {
        if (isTimeout(error)) throw error;
        return {};
      })) as { error?: string; code?: string };
    } catch (error) {
      throw new SubgraphUnavailableError(serviceAt(graphqlUrl), isTimeout(error));
    }
    if (response.status >= 502 && response.status <= 504)
      throw new SubgraphUnavailableError(serviceAt(graphqlUrl), false);
    if (!response.ok)
      throw new InternalCallError(result.error ?? `${route} answered ${response.status}`, response.status, result.code);
    return result as T;
  });
}

/**
 * A signed route as two services agree on it: who serves it, its name, and (as types only) what it takes
 * and answers. The contracts package declares them; the serving side binds a handler with serveRoute and
 * the calling side calls with callRoute, so both compile against the one declaration.
 */
export interface RouteContract<Request, Response> {
  readonly service: SubgraphName;
  readonly name: string;
  /** Never set: carries the request and response types. */
  readonly types?: { request: Request; response: Response };
}

/** Calls a route where the configured URLs say its service is. */
export function callRoute<Request, Response>(
  route: RouteContract<Request, Response>,
  body: NoInfer<Request>,
): Promise<Response> {
  return callInternal<Response>(config().subgraphUrls[route.service], route.name, body);
}

/**
 * Serves a route. The body is what arrived over the wire, checked only by the signature: a handler still
 * validates each field it relies on.
 */
export function serveRoute<Request, Response>(
  route: RouteContract<Request, Response>,
  handler: (body: Request) => Promise<Response>,
): InternalRoutes {
  return { [route.name]: handler };
}
