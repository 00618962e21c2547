import { IsInt, IsOptional, Length, Max, Min } from "class-validator";
import { PageArgs } from "@partnergraph/kit";
import { ArgsType, Field, ID, InputType } from "type-graphql";
import { MoneyScalar } from "../money/money.scalar";
import { OpportunityStage } from "./opportunity.entity";

const AMOUNT = 'amount must be an amount from "0.00" to "100000000000.00" with at most two decimals';

@InputType({
  description:
    "A deal registration: for a customer organization (customerId) or a prospect (prospectName), exactly one",
})
export class RegisterOpportunityInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  customerId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200, { message: "prospectName must be 1 to 200 characters" })
  prospectName?: string | null;

  @Field()
  @Length(1, 200, { message: "title must be 1 to 200 characters" })
  title: string;

  @Field(() => MoneyScalar, { description: "Expected value in USD" })
  @IsInt({ message: AMOUNT })
  @Min(0, { message: AMOUNT })
  @Max(10_000_000_000_000, { message: AMOUNT })
  amount: number;

  @Field()
  expectedCloseAt: Date;
}

@ArgsType()
export class OpportunitiesArgs extends PageArgs {
  @Field(() => OpportunityStage, {
    nullable: true,
    description: "Only the deals in this stage; all stages when omitted",
  })
  @IsOptional()
  stage?: OpportunityStage | null;
}
