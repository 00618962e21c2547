import { Field, Int, ObjectType } from "type-graphql";
import { MoneyScalar } from "../money/money.scalar";
import { OpportunityStage } from "./opportunity.entity";

@ObjectType({ description: "A partner's opportunities in one stage" })
export class StageSummary {
  @Field(() => OpportunityStage)
  stage: OpportunityStage;

  @Field(() => Int)
  count: number;

  @Field(() => MoneyScalar)
  amount: number;
}

/** A partner's deal registrations by stage. Fields resolve in PipelineResolver. */
@ObjectType({ description: "A partner's deal registrations by stage, with drill-down to the opportunities" })
export class Pipeline {
  partnerId: string;
}
