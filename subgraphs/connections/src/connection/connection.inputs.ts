import { PageArgs } from "@partnergraph/kit";
import { IsEmail, IsISO31661Alpha2, IsOptional, Length, Matches, MaxLength } from "class-validator";
import { ArgsType, Field, InputType } from "type-graphql";

const NOT_BLANK = /\S/;

@InputType({ description: "A partner registers a customer that has no account yet" })
export class AddCustomerInput {
  @Field({ description: "The customer organization's name" })
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: "name must not be blank" })
  name: string;

  @Field({ description: "ISO 3166-1 alpha-2 country code, e.g. DE" })
  @IsISO31661Alpha2({ message: "country must be an ISO 3166-1 alpha-2 code such as US or DE" })
  country: string;

  @Field({ description: "The customer's first administrator, invited to sign in" })
  @IsEmail({}, { message: "adminEmail must be an email address" })
  @MaxLength(254)
  adminEmail: string;

  @Field()
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: "adminName must not be blank" })
  adminName: string;
}

@ArgsType()
export class CustomerDashboardArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: "Part of the customer's name" })
  @IsOptional()
  @MaxLength(200)
  search?: string | null;
}
