import { ArrayMaxSize, ArrayMinSize, MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";

@InputType({ description: "An HTTPS endpoint (HTTP outside production) and the event types it receives" })
export class CreateWebhookInput {
  @Field()
  @MaxLength(2000)
  url: string;

  @Field(() => [String], { description: "Event types, e.g. CUSTOMER_CONNECTED, CONNECTION_ENDED" })
  @ArrayMinSize(1, { message: "eventTypes must name at least one event type" })
  @ArrayMaxSize(50)
  eventTypes: string[];
}
