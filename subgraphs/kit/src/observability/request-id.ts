import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/** The header a request id travels in: from the client, to every subgraph and internal call, and back. */
export const REQUEST_ID_HEADER = "x-request-id";

/**
 * A client's id is echoed into responses and every log line, so only short ids of a safe charset are taken:
 * no spaces, quotes or control characters that could forge log fields or split headers.
 */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;
/** W3C trace context: version-traceid-parentid-flags; an all-zero trace id is invalid. */
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The client's `x-request-id` when acceptable, else the trace id of a valid `traceparent`, else a new id. */
export function requestIdFrom(headers: IncomingHttpHeaders): string {
  const given = single(headers[REQUEST_ID_HEADER])?.trim();
  if (given && ACCEPTED_REQUEST_ID.test(given)) return given;
  const traceId = TRACEPARENT.exec(single(headers.traceparent)?.trim().toLowerCase() ?? "")?.[1];
  if (traceId && !/^0+$/.test(traceId)) return traceId;
  return randomUUID();
}

/** Whether an id passes the same rule (the signed context's id is checked again before it is trusted). */
export function isAcceptableRequestId(id: unknown): id is string {
  return typeof id === "string" && ACCEPTED_REQUEST_ID.test(id);
}
