import { Field, ObjectType } from "type-graphql";
import { Organization } from "../organization/organization.type";

@ObjectType({ description: "A partner's invitation link: the same on every call, reusable, never expiring" })
export class PartnerInvitationLink {
  @Field({ description: "What the partner sends customers" })
  url: string;

  @Field()
  token: string;
}

@ObjectType({ description: "What a customer sees before accepting a partner's invitation" })
export class PartnerInvitation {
  @Field()
  token: string;

  @Field(() => Organization)
  partner: Organization;
}
