import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

/**
 * The address anonymous callers' budgets are kept by: the connection's peer; or, behind `trustedProxyHops` proxies
 * the operator runs (each appends the address it was reached from to X-Forwarded-For), the entry that many from the
 * right, the client as the outermost trusted proxy saw it. Entries further left are the client's own words and never
 * read, so a forged header picks no other budget.
 */
export function clientAddressOf(request: IncomingMessage, trustedProxyHops: number): string {
  const peer = request.socket.remoteAddress ?? "unknown";
  if (trustedProxyHops <= 0) return peer;
  const header = request.headers["x-forwarded-for"];
  const chain = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const client = chain[chain.length - trustedProxyHops];
  return client && isIP(client) ? client : peer;
}
