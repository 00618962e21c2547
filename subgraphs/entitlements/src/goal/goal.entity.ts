import { CreatedAtColumn } from "@partnergraph/kit";
import { registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { bigintNumber } from "../money/money.scalar";

export enum GoalMetric {
  BOOKINGS = "BOOKINGS",
  PIPELINE = "PIPELINE",
  WON_DEALS = "WON_DEALS",
}
registerEnumType(GoalMetric, {
  name: "GoalMetric",
  description:
    "BOOKINGS: orders the partner resold in the period (USD); PIPELINE: deals registered in the period and not LOST (USD); WON_DEALS: deals WON in the period (a count)",
});

export enum RewardKind {
  REBATE = "REBATE",
  POINTS = "POINTS",
}
registerEnumType(RewardKind, {
  name: "RewardKind",
  description: "REBATE: an amount in USD; POINTS: a number of points",
});

export enum GoalStatus {
  PROPOSED = "PROPOSED",
  AGREED = "AGREED",
  DECLINED = "DECLINED",
}
registerEnumType(GoalStatus, {
  name: "GoalStatus",
  description:
    "PROPOSED by the vendor; AGREED or DECLINED by the partner, for good. Only an agreed goal earns its reward and its milestone notices",
});

/** Money metrics and rebates are stored in cents; counts and points as they are. */
export const inCents = (metricOrKind: GoalMetric | RewardKind) =>
  metricOrKind !== GoalMetric.WON_DEALS && metricOrKind !== RewardKind.POINTS;

/** A target on one scorecard metric for a period [periodStart, periodEnd): the vendor proposes it, the partner agrees or declines. */
@Entity("joint_goal")
@Index(["partnerId", "periodStart"])
export class JointGoal {
  @PrimaryColumn({ type: "varchar", length: 20 })
  id: string;

  @Column({ name: "partner_id", type: "varchar", length: 20 })
  partnerId: string;

  @Column({ type: "varchar", length: 12 })
  metric: GoalMetric;

  /** Cents for BOOKINGS and PIPELINE, a count for WON_DEALS. */
  @Column({ name: "target_value", type: "bigint", transformer: bigintNumber })
  targetValue: number;

  @Column({ name: "period_start", type: "datetime", precision: 3 })
  periodStart: Date;

  @Column({ name: "period_end", type: "datetime", precision: 3 })
  periodEnd: Date;

  @Column({ name: "reward_kind", type: "varchar", length: 10 })
  rewardKind: RewardKind;

  /** Cents for a REBATE, points for POINTS. */
  @Column({ name: "reward_amount", type: "bigint", transformer: bigintNumber })
  rewardAmount: number;

  @Column({ name: "created_by_user_id", type: "varchar", length: 20 })
  createdByUserId: string;

  @CreatedAtColumn("created_at")
  createdAt: Date;

  @Column({ type: "varchar", length: 10, default: GoalStatus.PROPOSED })
  status: GoalStatus;

  /** When, and by whom of the partner, it was agreed or declined. */
  @Column({ name: "decided_at", type: "datetime", precision: 3, nullable: true })
  decidedAt: Date | null;

  @Column({ name: "decided_by_user_id", type: "varchar", length: 20, nullable: true })
  decidedByUserId: string | null;
}

/** The reward of a met goal: recorded once (unique goal_id), the first time the goal is evaluated as met. */
@Entity("goal_reward")
export class GoalReward {
  @PrimaryColumn({ type: "varchar", length: 20 })
  id: string;

  @Index({ unique: true })
  @Column({ name: "goal_id", type: "varchar", length: 20 })
  goalId: string;

  @Column({ name: "partner_id", type: "varchar", length: 20 })
  partnerId: string;

  @Column({ type: "varchar", length: 10 })
  kind: RewardKind;

  @Column({ type: "bigint", transformer: bigintNumber })
  amount: number;

  /** The progress that met the target, as stored for the target. */
  @Column({ name: "achieved_value", type: "bigint", transformer: bigintNumber })
  achievedValue: number;

  @Column({ name: "recorded_at", type: "datetime", precision: 3 })
  recordedAt: Date;
}

/** A goal passing 50% or 100% of its target, recorded once (unique goal and milestone) with its event. */
@Entity("goal_milestone")
@Index(["goalId", "milestone"], { unique: true })
export class GoalMilestone {
  @PrimaryColumn({ type: "varchar", length: 20 })
  id: string;

  @Column({ name: "goal_id", type: "varchar", length: 20 })
  goalId: string;

  /** 50 or 100 (percent of the target). */
  @Column({ type: "int" })
  milestone: number;

  @CreatedAtColumn("reached_at")
  reachedAt: Date;
}
