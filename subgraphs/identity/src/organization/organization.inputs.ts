import { PageArgs } from "@partnergraph/kit";
import { IsISO31661Alpha2, IsOptional, Length, Matches, MaxLength } from "class-validator";
import { ArgsType, Field, InputType } from "type-graphql";
import { PartnerProgramCode, PartnerTier } from "../program/program.enums";

const NOT_BLANK = /\S/;

@InputType()
export class RegisterOrganizationInput {
  @Field()
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: "name must not be blank" })
  name: string;

  @Field({ description: "ISO 3166-1 alpha-2 country code, e.g. DE" })
  @IsISO31661Alpha2({ message: "country must be an ISO 3166-1 alpha-2 code such as US or DE" })
  country: string;

  @Field()
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: "displayName must not be blank" })
  displayName: string;
}

@ArgsType()
export class PartnerDirectoryArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: "Part of the partner's name" })
  @IsOptional()
  @MaxLength(200)
  search?: string | null;

  @Field(() => PartnerProgramCode, {
    nullable: true,
    description: "Only partners with a badge (an ACTIVE membership) in this program",
  })
  @IsOptional()
  program?: PartnerProgramCode | null;

  @Field(() => PartnerTier, {
    nullable: true,
    description: "Only partners with a badge of this tier (in the program named, if one is)",
  })
  @IsOptional()
  tier?: PartnerTier | null;
}
