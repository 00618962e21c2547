import { IsPositive, Min } from "class-validator";
import { Field, Float, ID, InputType } from "type-graphql";
import { GoalMetric, RewardKind } from "./goal.entity";

@InputType()
export class GoalRewardInput {
  @Field(() => RewardKind)
  kind: RewardKind;

  @Field(() => Float, { description: "USD (two decimals at most) for a REBATE, whole points for POINTS" })
  @Min(0, { message: "reward.amount must not be negative" })
  amount: number;
}

@InputType({ description: "A joint goal for a partner on one metric over [periodStart, periodEnd)" })
export class CreateJointGoalInput {
  @Field(() => ID)
  partnerId: string;

  @Field(() => GoalMetric)
  metric: GoalMetric;

  @Field(() => Float, {
    description: "USD (two decimals at most) for BOOKINGS and PIPELINE, a whole count for WON_DEALS",
  })
  @IsPositive({ message: "target must be positive" })
  target: number;

  @Field()
  periodStart: Date;

  @Field()
  periodEnd: Date;

  @Field(() => GoalRewardInput)
  reward: GoalRewardInput;
}
