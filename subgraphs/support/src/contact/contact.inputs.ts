import { Matches } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { ContactRole } from "./contact.entity";

@InputType()
export class NameContactInput {
  @Field(() => ID, {
    description:
      "The person (identity's User id): one of the customer's people, a partner's person or another third party",
  })
  @Matches(/^USR-[0-9A-Z]{1,16}$/, { message: "userId must be a user id such as USR-7K3M9Q2XWD" })
  userId: string;

  @Field(() => ContactRole)
  role: ContactRole;
}
