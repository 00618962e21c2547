import { config } from "./config";
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

/** Calls another service's internal route; `graphqlUrl` is the service's /graphql URL. */
export async function callInternal<T>(graphqlUrl: string, route: string, body: unknown): Promise<T> {
  const url = graphqlUrl.replace(/\/graphql$/, `/internal/${route}`);
  const text = JSON.stringify(body);
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      [SIGNATURE_HEADER]: signature(Date.now(), text, config().internalSecret),
    },
    body: text,
  });
  const result = (await response.json().catch(() => ({}))) as { error?: string; code?: string };
  if (!response.ok)
    throw new InternalCallError(result.error ?? `${route} answered ${response.status}`, response.status, result.code);
  return result as T;
}
