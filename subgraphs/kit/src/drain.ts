import type { Server, ServerResponse } from "node:http";
import { logger } from "./logger";

/**
 * Graceful shutdown of one HTTP server: readiness fails at once, the port stops accepting connections,
 * every request already accepted is answered, then the connections close.
 */
interface ServerState {
  open: Set<ServerResponse>;
  draining: boolean;
}
const states = new WeakMap<Server, ServerState>();

function stateOf(server: Server): ServerState {
  let state = states.get(server);
  if (!state) states.set(server, (state = { open: new Set(), draining: false }));
  return state;
}

/** While draining, a response tells its client not to reuse the connection, so the socket closes right after. */
function closeAfter(response: ServerResponse) {
  if (!response.headersSent) response.setHeader("connection", "close");
}

/** Counts a request as in flight until its response is sent (or its connection drops). */
export function trackRequest(server: Server, response: ServerResponse): void {
  const state = stateOf(server);
  state.open.add(response);
  if (state.draining) closeAfter(response);
  response.once("close", () => {
    state.open.delete(response);
    // A keep-alive socket that just went idle would otherwise hold the drain until the client drops it.
    if (state.draining) setImmediate(() => server.closeIdleConnections());
  });
}

/** Requests accepted and not yet answered. */
export function inFlightRequests(server: Server): number {
  return stateOf(server).open.size;
}

/** True from the moment shutdown begins: /ready answers 503. */
export function isDraining(server: Server): boolean {
  return stateOf(server).draining;
}

/**
 * Stops accepting connections and waits until every accepted request is answered (Node closes idle keep-alive
 * connections at once and the others after their response). After `timeoutMs`, cuts what remains and returns
 * false; true when everything was answered.
 */
export async function drainServer(server: Server, timeoutMs: number, service: string): Promise<boolean> {
  const state = stateOf(server);
  state.draining = true;
  if (!server.listening) return true;
  state.open.forEach(closeAfter);
  logger.info("draining", { service, inFlight: state.open.size });
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  let timer: NodeJS.Timeout | undefined;
  const drained = await Promise.race([
    closed.then(() => true),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
  ]);
  clearTimeout(timer);
  if (!drained) {
    logger.error("drain timed out: cutting the requests still open", { service, inFlight: state.open.size, timeoutMs });
    server.closeAllConnections();
    await closed;
  }
  return drained;
}
