import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Service } from "../service/service.entity";

export enum ProvisionSource {
  ENTITLEMENT = "ENTITLEMENT",
  TRIAL = "TRIAL",
  RESELL = "RESELL",
}
registerEnumType(ProvisionSource, {
  name: "ProvisionSource",
  description:
    "Why an organization has a service: licenses it bought, a running trial, or the vendor's approval to resell it",
});

@ObjectType({ description: "A service an organization has now, and why" })
export class ProvisionedService {
  /** Resolved through the batched catalog. */
  serviceCode: string;

  @Field(() => Service)
  service?: Service;

  @Field(() => ProvisionSource, { description: "ENTITLEMENT before TRIAL before RESELL when several apply" })
  source: ProvisionSource;

  @Field()
  since: Date;

  @Field(() => Date, {
    nullable: true,
    description: "When the licenses or the trial end; null for a resell registration",
  })
  until: Date | null;
}
