import { IsOptional } from "class-validator";
import { ArgsType, Field } from "type-graphql";
import { PageArgs } from "@partnergraph/kit";

@ArgsType()
export class NotificationPageArgs extends PageArgs {
  @Field(() => Boolean, { defaultValue: false, description: "Also those the acting organization has dismissed" })
  @IsOptional()
  includeDismissed: boolean = false;
}
