import { Field, Float, ID, ObjectType } from "type-graphql";
import { GoalMetric, GoalStatus, RewardKind } from "./goal.entity";

@ObjectType({ description: "The reward of a met goal, recorded once" })
export class GoalRewardView {
  @Field(() => RewardKind)
  kind: RewardKind;

  @Field(() => Float, { description: "USD for a REBATE, points for POINTS" })
  amount: number;

  @Field()
  recordedAt: Date;
}

@ObjectType("JointGoal", {
  description:
    "A target on a scorecard metric for a period, proposed by the vendor and agreed by the partner; progress is live",
})
export class JointGoalView {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  partnerId: string;

  @Field(() => GoalMetric)
  metric: GoalMetric;

  @Field(() => Float, { description: "USD for BOOKINGS and PIPELINE, a count for WON_DEALS" })
  target: number;

  @Field({ description: "Start of the period (inclusive)" })
  periodStart: Date;

  @Field({ description: "End of the period (exclusive)" })
  periodEnd: Date;

  @Field(() => GoalStatus)
  status: GoalStatus;

  @Field(() => Date, { nullable: true, description: "When the partner agreed or declined; null while PROPOSED" })
  decidedAt: Date | null;

  @Field(() => Float, { description: "Live progress in the target's unit" })
  progress: number;

  @Field({ description: "progress ≥ target" })
  achieved: boolean;

  @Field(() => GoalRewardView, { nullable: true, description: "Recorded once an agreed goal is met; null until then" })
  reward: GoalRewardView | null;
}
