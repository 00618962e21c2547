import type { DataArea } from "@partnergraph/kit";
import { ArrayMaxSize, IsOptional } from "class-validator";
import { Field, InputType } from "type-graphql";
import { DataAreaEnum } from "./consent.type";

@InputType({ description: "The areas a customer shares with a partner, and optionally until when" })
export class ConsentInput {
  @Field(() => [DataAreaEnum], { description: "Every area to share; [] shares nothing (the connection stays)" })
  @ArrayMaxSize(20)
  areas: DataArea[];

  @Field(() => Date, { nullable: true, description: "When sharing ends; must be in the future. Null: no end" })
  @IsOptional()
  until?: Date | null;
}
