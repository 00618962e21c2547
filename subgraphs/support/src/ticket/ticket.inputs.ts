import { IsIn, IsOptional, Length, Matches, Max, Min } from "class-validator";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { PageArgs } from "@partnergraph/kit";
import { TICKET_LANGUAGES, TicketStatus } from "./ticket.entity";

const NOT_BLANK = /\S/;

@InputType()
export class OpenTicketInput {
  @Field()
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: "title must not be blank" })
  title: string;

  @Field()
  @Length(1, 20000)
  @Matches(NOT_BLANK, { message: "description must not be blank" })
  description: string;

  @Field(() => Int, { description: "1 (critical) to 4 (low)" })
  @Min(1, { message: "severity must be 1, 2, 3 or 4" })
  @Max(4, { message: "severity must be 1, 2, 3 or 4" })
  severity: number;

  @Field(() => String, { nullable: true, description: "The service the case is about, e.g. SDWAN" })
  @IsOptional()
  @Matches(/^[A-Z0-9_]{1,40}$/, { message: "serviceCode must be a service code such as SDWAN" })
  serviceCode?: string | null;

  @Field(() => String, { nullable: true, defaultValue: "en", description: "en (default), de, fr or es" })
  @IsOptional()
  @IsIn([...TICKET_LANGUAGES], { message: "language must be one of en, de, fr, es" })
  language?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "The customer the case is for; defaults to the acting organization. A named technical contact of a customer may open cases for it.",
  })
  @IsOptional()
  organizationId?: string | null;
}

@ArgsType()
export class TicketPageArgs extends PageArgs {
  @Field(() => TicketStatus, { nullable: true })
  @IsOptional()
  status?: TicketStatus | null;

  @Field(() => Int, { nullable: true, description: "Only cases of this severity (1–4)" })
  @IsOptional()
  @Min(1, { message: "severity must be 1, 2, 3 or 4" })
  @Max(4, { message: "severity must be 1, 2, 3 or 4" })
  severity?: number | null;
}
