import { PageArgs } from "@partnergraph/kit";
import { IsOptional } from "class-validator";
import { ArgsType, Field, ID, InputType } from "type-graphql";

@InputType({ description: "Entries of these actions, by this person, in this time range (each optional)" })
export class AuditFilter {
  @Field(() => [String], { nullable: true, description: "Actions, e.g. connection.terminate" })
  actions?: string[] | null;

  @Field(() => ID, { nullable: true, description: "The person who acted" })
  actorId?: string | null;

  @Field(() => Date, { nullable: true, description: "From this instant on (inclusive)" })
  since?: Date | null;

  @Field(() => Date, { nullable: true, description: "Before this instant (exclusive)" })
  until?: Date | null;
}

@ArgsType()
export class AuditLogArgs extends PageArgs {
  @Field(() => AuditFilter, { nullable: true })
  @IsOptional()
  filter?: AuditFilter | null;
}
