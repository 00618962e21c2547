import { Field, ObjectType } from "type-graphql";

@ObjectType({ description: "A support offering a customer can buy" })
export class SupportOffering {
  @Field()
  code: string;

  @Field()
  name: string;

  @Field()
  coverage: string;

  @Field(() => [String], { description: "The people and roles the offering includes" })
  roles: string[];
}

export const SUPPORT_OFFERINGS: SupportOffering[] = [
  { code: "STANDARD", name: "Standard", coverage: "Business hours", roles: ["Support engineers in business hours"] },
  {
    code: "PRIORITY",
    name: "Priority",
    coverage: "24/7",
    roles: ["Assigned account manager in business hours", "Priority support engineers 24/7"],
  },
  {
    code: "PRIORITY_PLUS",
    name: "Priority Plus",
    coverage: "24/7",
    roles: [
      "Assigned account manager in business hours",
      "Priority support engineers 24/7",
      "Critical-situation manager for severity 1",
    ],
  },
];
