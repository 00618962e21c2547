import { CreatedAtColumn } from "@partnergraph/kit";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { bigintNumber, MoneyScalar } from "../money/money.scalar";

export enum OpportunityStage {
  LEAD = "LEAD",
  QUALIFIED = "QUALIFIED",
  PROPOSAL = "PROPOSAL",
  WON = "WON",
  LOST = "LOST",
}
registerEnumType(OpportunityStage, {
  name: "OpportunityStage",
  description: "LEAD, QUALIFIED and PROPOSAL are open; WON and LOST are closed for good",
});

/** Every stage, in the fixed order the pipeline reports them. */
export const STAGES = [
  OpportunityStage.LEAD,
  OpportunityStage.QUALIFIED,
  OpportunityStage.PROPOSAL,
  OpportunityStage.WON,
  OpportunityStage.LOST,
];
export const OPEN_STAGES = [OpportunityStage.LEAD, OpportunityStage.QUALIFIED, OpportunityStage.PROPOSAL];
export const isClosed = (stage: OpportunityStage) => stage === OpportunityStage.WON || stage === OpportunityStage.LOST;

/** A deal registration: a partner's opportunity with a customer organization or a prospect not yet one. */
@Entity("opportunity")
// The pipeline by stage and its drill-down: WHERE partner_id IN (…) [AND stage = ?]
@Index(["partnerId", "stage"])
@ObjectType({
  description: "A deal a partner registered: a customer or prospect, an amount, a stage, an expected close",
})
export class Opportunity {
  @PrimaryColumn({ type: "varchar", length: 20 })
  @Field(() => ID)
  id: string;

  @Column({ name: "partner_id", type: "varchar", length: 20 })
  @Field(() => ID, { description: "The partner that registered it" })
  partnerId: string;

  @Column({ name: "customer_id", type: "varchar", length: 20, nullable: true })
  @Field(() => ID, { nullable: true, description: "The customer organization, or null for a prospect" })
  customerId: string | null;

  @Column({ name: "prospect_name", type: "varchar", length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: "The prospect's name when it is no organization yet" })
  prospectName: string | null;

  @Column({ type: "varchar", length: 200 })
  @Field()
  title: string;

  @Column({ type: "varchar", length: 10 })
  @Field(() => OpportunityStage)
  stage: OpportunityStage;

  @Column({ name: "amount_cents", type: "bigint", transformer: bigintNumber })
  @Field(() => MoneyScalar, { name: "amount", description: "Expected value in USD" })
  amountCents: number;

  @Column({ name: "expected_close_at", type: "datetime", precision: 3 })
  @Field()
  expectedCloseAt: Date;

  @CreatedAtColumn("created_at")
  @Field()
  createdAt: Date;

  @Column({ name: "closed_at", type: "datetime", precision: 3, nullable: true })
  @Field(() => Date, { nullable: true, description: "When it was WON or LOST" })
  closedAt: Date | null;
}
