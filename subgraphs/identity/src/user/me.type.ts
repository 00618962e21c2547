import { Field, ID, ObjectType } from "type-graphql";
import { MemberRole } from "./user.entity";

@ObjectType({ description: "The signed-in person and the organization they act as in this request" })
export class Me {
  @Field(() => ID, { description: "The user's id" })
  id: string;

  @Field()
  email: string;

  @Field()
  displayName: string;

  @Field(() => MemberRole, { nullable: true, description: "Role in the home organization" })
  role: MemberRole | null;

  @Field({ description: "True when acting as a customer through an administrator grant" })
  actingAsAdministrator: boolean;

  organizationId: string | null;
  homeOrganizationId: string | null;
}
