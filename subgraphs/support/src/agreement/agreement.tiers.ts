import { Field, Int, ObjectType, registerEnumType } from "type-graphql";

/** The same values as identity's PartnerTier (composition merges the two declarations). */
export enum PartnerTier {
  SILVER = "SILVER",
  GOLD = "GOLD",
  PLATINUM = "PLATINUM",
}
registerEnumType(PartnerTier, { name: "PartnerTier" });

@ObjectType({ description: "How fast the vendor's support answers a case of a severity" })
export class ResponseTarget {
  @Field(() => Int)
  severity: number;

  @Field(() => Int, { description: "First response within this many hours" })
  hours: number;
}

@ObjectType({ description: "Partner support by program tier: whether it is mandatory, its fee and response targets" })
export class PartnerSupportTier {
  @Field(() => PartnerTier)
  tier: PartnerTier;

  @Field({ description: "A partner of this tier must hold a support agreement" })
  mandatory: boolean;

  @Field(() => Int, {
    nullable: true,
    description: "Annual fee in USD cents when fixed by the program (Gold: USD 3,500); otherwise set per agreement",
  })
  annualFee: number | null;

  @Field()
  currency: string;

  @Field(() => Int, { description: "Incidents in the base pool unless the agreement says otherwise" })
  defaultIncidents: number;

  @Field(() => [ResponseTarget], { description: "Empty when the tier has no response-time commitment" })
  responseTargets: ResponseTarget[];
}

const targets = (...hours: number[]): ResponseTarget[] => hours.map((h, i) => ({ severity: i + 1, hours: h }));

/**
 * Program rules: support is mandatory for Gold (USD 3,500 a year) and optional for Silver; Platinum
 * (not named by the program text) is treated like Gold: mandatory, fee set per agreement. Response-time
 * targets exist for Platinum and Gold only.
 */
export const SUPPORT_TIERS: Record<PartnerTier, PartnerSupportTier> = {
  PLATINUM: {
    tier: PartnerTier.PLATINUM,
    mandatory: true,
    annualFee: null,
    currency: "USD",
    defaultIncidents: 20,
    responseTargets: targets(1, 2, 4, 8),
  },
  GOLD: {
    tier: PartnerTier.GOLD,
    mandatory: true,
    annualFee: 350_000,
    currency: "USD",
    defaultIncidents: 10,
    responseTargets: targets(2, 4, 8, 24),
  },
  SILVER: {
    tier: PartnerTier.SILVER,
    mandatory: false,
    annualFee: null,
    currency: "USD",
    defaultIncidents: 5,
    responseTargets: [],
  },
};

/** A partner may ask for a case review once this share of the pool is used. */
export const CASE_REVIEW_THRESHOLD = 0.8;
