import type { EventSubscriptions } from "@partnergraph/kit";

/** What this subgraph publishes, and to whom. */
export const EVENT_SUBSCRIPTIONS: EventSubscriptions = {
  /** { organizationId, kind: TRIAL | ENTITLEMENT, itemId, serviceCode, serviceName, endsAt (ISO) }, once per item, 14 days ahead. */
  ExpiryApproaching: ["support"],
  /** { goalId, partnerId, vendorId, milestone: 50 | 100, metric, target, progress }, once per goal and milestone. */
  GoalMilestoneReached: ["support"],
  /** { goalId, partnerId, vendorId, status: PROPOSED, metric, target, periodStart, periodEnd (ISO) }, when the vendor proposes a goal. */
  JointGoalProposed: ["support"],
  /** The same, status AGREED or DECLINED, when the partner decides. */
  JointGoalDecided: ["support"],
};
