import { sendJson } from "@partnergraph/kit";
import type { IncomingMessage, ServerResponse } from "node:http";

/** What a browser page may send: the token, the acting organization, tracing and Apollo's CSRF headers. */
const ALLOWED_HEADERS = [
  "authorization",
  "content-type",
  "x-organization-id",
  "x-request-id",
  "traceparent",
  "apollo-require-preflight",
  "x-apollo-operation-name",
].join(", ");
/** What a page may read besides the simple headers: the request id and the rate-limit state. */
const EXPOSED_HEADERS = [
  "x-request-id",
  "ratelimit-limit",
  "ratelimit-remaining",
  "ratelimit-reset",
  "ratelimit-policy",
  "retry-after",
].join(", ");
const PREFLIGHT_MAX_AGE_SECONDS = 600;

function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return !!host && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * CORS for the gateway. A browser request from a configured origin, or from the gateway's own page (Sandbox),
 * is answered with that origin allowed; a preflight gets 204. A request from any other origin is refused
 * (403, nothing executed), so another site's page cannot make a browser call the API. Requests without an
 * Origin header (curl, services) are not a browser's and pass untouched.
 * Returns true when it answered the request itself.
 */
export function cors(allowedOrigins: string[]) {
  const allowed = new Set(allowedOrigins);
  return (request: IncomingMessage, response: ServerResponse): boolean => {
    const origin = request.headers.origin;
    if (!origin) return false;
    if (!allowed.has(origin) && !sameHost(origin, request.headers.host)) {
      sendJson(response, 403, {
        errors: [{ message: `Origin ${origin} may not call this API`, extensions: { code: "FORBIDDEN" } }],
      });
      return true;
    }
    response.setHeader("access-control-allow-origin", origin);
    response.setHeader("vary", "Origin");
    if (request.method === "OPTIONS" && request.headers["access-control-request-method"]) {
      response.writeHead(204, {
        "access-control-allow-methods": "GET, POST, OPTIONS",
        "access-control-allow-headers": ALLOWED_HEADERS,
        "access-control-max-age": String(PREFLIGHT_MAX_AGE_SECONDS),
      });
      response.end();
      return true;
    }
    response.setHeader("access-control-expose-headers", EXPOSED_HEADERS);
    return false;
  };
}
