import { Field, InputType } from "type-graphql";

@InputType({ description: "A price change of a service, announced to the organizations that hold it" })
export class AnnouncePriceChangeInput {
  @Field()
  serviceCode: string;

  @Field({ description: "When the new price applies: in the future" })
  effectiveOn: Date;

  @Field({ description: "What changes, at most 300 characters" })
  summary: string;
}
