import { config } from "./config";
import { SubgraphUnavailableError } from "./errors";
import { currentScope } from "./observability/scope";

/**
 * Deadlines: a request has a time by which it must be answered (the gateway sets it, subgraphs receive it in the
 * signed context), and every call it makes to another service gets a share of what is left, so a hung service
 * costs a bounded part of the answer and never the whole of it. The deadline lives in the request's one scope
 * (observability/scope.ts), beside its id.
 */

/** No call gets less than this while at least this much is left: below it, a fetch would fail for no reason. */
const MIN_CALL_MS = 1000;

/** Sets the current request's deadline (ms since the epoch); an earlier one already set wins. */
export function setDeadline(deadline: number): void {
  const scope = currentScope();
  if (scope) scope.deadline = scope.deadline === null ? deadline : Math.min(scope.deadline, deadline);
}

/** The current request's deadline, if it has one. */
export function currentDeadline(): number | null {
  return currentScope()?.deadline ?? null;
}

/**
 * How long the next call to another service (a subgraph fetch, an internal call) may take: half of what is left
 * of the request, at least a second, never more than is left (0 when nothing is); outside any request (the outbox
 * relay, timers), INTERNAL_CALL_TIMEOUT_MS.
 */
export function callBudgetMs(now = Date.now()): number {
  const deadline = currentDeadline();
  if (deadline === null) return config().internalCallTimeoutMs;
  const left = deadline - now;
  if (left <= MIN_CALL_MS) return Math.max(0, left);
  return Math.max(MIN_CALL_MS, Math.floor(left / 2));
}

/** Whether an error is a fetch given up on by its AbortSignal.timeout. */
export function isTimeout(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === "TimeoutError" || name === "AbortError";
}

/**
 * A subgraph starts a forwarded request only if the gateway still waits for it (a request that sat in a paused
 * process's socket past its deadline is refused at once), and its own calls then share what is left.
 */
export function startWithin(deadline: number, service: string): void {
  if (Date.now() >= deadline) throw new SubgraphUnavailableError(service, true);
  setDeadline(deadline);
}
