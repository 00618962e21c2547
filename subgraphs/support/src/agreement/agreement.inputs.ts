import { ORGID_PATTERN, orgIdMessage } from "@partnergraph/contracts";
import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Matches, Max, Min } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { PartnerTier } from "./agreement.tiers";

const NOT_BLANK = /\S/;
const SERVICE_CODE = /^[A-Z0-9_]{1,40}$/;

@InputType()
export class CreatePartnerSupportAgreementInput {
  @Field(() => ID)
  @Matches(ORGID_PATTERN, { message: orgIdMessage("partnerId") })
  partnerId: string;

  @Field(() => PartnerTier, {
    description:
      "The partner's program tier: refused unless it is the highest tier identity reports ACTIVE for the partner at periodStart",
  })
  tier: PartnerTier;

  @Field({ nullable: true, description: "Start of the membership year; defaults to now. The period lasts one year." })
  @IsOptional()
  periodStart?: Date;

  @Field(() => Int, { nullable: true, description: "Incidents in the base pool; defaults to the tier's" })
  @IsOptional()
  @Min(1)
  @Max(1000)
  incidents?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Annual fee in USD cents; fixed for Gold (350000), 0 unless given otherwise",
  })
  @IsOptional()
  @Min(0)
  annualFee?: number | null;
}

@InputType()
export class NameSupportContactInput {
  @Field(() => ID)
  agreementId: string;

  @Field(() => ID, { description: "A person of the partner (identity's User id)" })
  @Matches(/^USR-[0-9A-Z]{1,16}$/, { message: "userId must be a user id" })
  userId: string;

  @Field(() => [String], {
    description: "Service codes the person is certified in: each must be a current certification of theirs in identity",
  })
  @ArrayMinSize(1, { message: "certifiedProducts names at least one product" })
  @ArrayMaxSize(50)
  @Matches(SERVICE_CODE, { each: true, message: "certifiedProducts holds service codes such as SDWAN" })
  certifiedProducts: string[];

  @Field(() => String, {
    nullable: true,
    description: "The person's existing PIN; a new one is issued when they have none",
  })
  @IsOptional()
  @Matches(/^[0-9]{8}$/, { message: "pin is 8 digits" })
  pin?: string | null;
}

@InputType()
export class PurchaseIncidentPackInput {
  @Field(() => ID, { nullable: true, description: "Defaults to the acting partner's current agreement" })
  @IsOptional()
  agreementId?: string | null;

  @Field(() => Int)
  @Min(1)
  @Max(100)
  incidents: number;
}

@InputType()
export class OpenPartnerSupportCaseInput {
  @Field({ description: "The named contact's own PIN" })
  @Matches(/^[0-9]{8}$/, { message: "pin is 8 digits" })
  pin: string;

  @Field()
  @Matches(SERVICE_CODE, { message: "serviceCode must be a service code such as SDWAN" })
  serviceCode: string;

  @Field()
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: "title must not be blank" })
  title: string;
}
