import { AsyncLocalStorage } from "node:async_hooks";
import type { Span } from "@opentelemetry/api";
import { randomUUID } from "node:crypto";
import { rootLog, serviceLog, type Log } from "../logger";

/**
 * What one request carries through every await without being passed by hand: its id, its logger, and what the
 * access line and metrics report at the end. Internal calls, events and log lines read it from here.
 */
export class RequestScope {
  /** Subgraph fetches the gateway made for this request. */
  subgraphFetches = 0;
  /** Set once known: the caller's acting organization and the GraphQL operation. */
  organizationId: string | null = null;
  operationName: string | null = null;
  /** "ok" or the first error's code, set when the GraphQL answer is sent. */
  outcome: string | null = null;
  /** The server span of this request, when tracing is on. */
  span: Span | null = null;
  /** When the request must be answered (ms since the epoch; kit deadline.ts); null while none is set. */
  deadline: number | null = null;
  private childLog: Log | null = null;

  constructor(
    private id: string,
    /** The service answering (gateway, identity…); null for work outside a server (the outbox relay). */
    readonly service: string | null,
  ) {}

  get requestId(): string {
    return this.id;
  }

  /** The request's logger: every line carries the request id (made on first use; most requests never log). */
  get log(): Log {
    return (this.childLog ??= (this.service ? serviceLog(this.service) : rootLog()).child({ requestId: this.id }));
  }

  /** A subgraph takes the id from the gateway's signed context over the plain header. */
  adopt(requestId: string): void {
    if (requestId === this.id) return;
    this.id = requestId;
    this.childLog = null;
  }
}

const storage = new AsyncLocalStorage<RequestScope>();

/** The request this code runs for, if any (work on a timer, such as the outbox relay's polls, runs outside any). */
export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}

export function runInScope<T>(scope: RequestScope, work: () => T): T {
  return storage.run(scope, work);
}

/** Runs background work started by a request (a relay kicked after its commit) as no request's own. */
export function outsideAnyRequest<T>(work: () => T): T {
  return storage.exit(work);
}

/**
 * Runs work on behalf of an earlier request (an outbox event's delivery): its log lines and calls carry that
 * request's id (a new one when the event has none), in the service of the work that started it, if any.
 */
export function withRequestId<T>(requestId: string | null, work: () => T): T {
  return runInScope(new RequestScope(requestId ?? randomUUID(), currentScope()?.service ?? null), work);
}
