import type { RequestLimits } from "@partnergraph/kit";
import { Budget, LocalBudget } from "./leaky-bucket";
import { RedisBudget } from "./redis-budget";

export { limitsPlugin, budgetKey, RequestLimiter } from "./plugin";
export type { Admission, Judgement } from "./plugin";
export { compileCost, actualCost } from "./cost";
export { clientAddressOf } from "./client-address";
export { operationShapes, readTokens } from "./document-shape";
export { LocalBudget } from "./leaky-bucket";
export type { Budget, BudgetAnswer } from "./leaky-bucket";
export { RedisBudget } from "./redis-budget";

/** No budget when the rate limit is off; one shared through Redis when there is one; else this process's own. */
export function budgetFor(limits: RequestLimits, redisUrl: string | null, redisKeyPrefix: string): Budget | null {
  if (limits.costPerMinute === 0) return null;
  return redisUrl
    ? new RedisBudget(redisUrl, redisKeyPrefix, limits.costPerMinute)
    : new LocalBudget(limits.costPerMinute);
}
