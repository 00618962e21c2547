import { ORGID_PATTERN, orgIdMessage } from "@partnergraph/contracts";
import { IsOptional, Matches } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { PartnerProgramCode, PartnerTier } from "./program.enums";

@InputType()
export class GrantProgramMembershipInput {
  @Field(() => ID)
  @Matches(ORGID_PATTERN, { message: orgIdMessage("organizationId") })
  organizationId: string;

  @Field(() => PartnerProgramCode)
  program: PartnerProgramCode;

  @Field(() => PartnerTier, { nullable: true })
  @IsOptional()
  tier?: PartnerTier | null;

  @Field(() => Date, { nullable: true, description: "Defaults to now" })
  @IsOptional()
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true, description: "Open-ended when absent" })
  @IsOptional()
  endsAt?: Date | null;
}
