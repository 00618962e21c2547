import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { ArrayMaxSize, ArrayNotEmpty, IsInt, IsOptional, Matches, Max, Min, ValidateNested } from "class-validator";
import { PageArgs } from "@partnergraph/kit";
import { MoneyScalar } from "../money/money.scalar";

const UNIT_PRICE = 'unitPrice must be an amount from "0.00" to "1000000.00" with at most two decimals';

@InputType()
export class OrderLineInput {
  @Field()
  @Matches(/^[A-Za-z0-9_-]{2,40}$/, { message: "serviceCode must be a service code such as SDWAN" })
  serviceCode: string;

  @Field(() => Int, { description: "Licenses bought" })
  @Min(1, { message: "quantity must be at least 1" })
  @Max(1_000_000, { message: "quantity must be at most 1000000" })
  quantity: number;

  @Field(() => Int)
  @Min(1, { message: "termMonths must be at least 1" })
  @Max(60, { message: "termMonths must be at most 60" })
  termMonths: number;

  @Field(() => MoneyScalar, { description: "Price of one license for one month" })
  @IsInt({ message: UNIT_PRICE })
  @Min(0, { message: UNIT_PRICE })
  @Max(100_000_000, { message: UNIT_PRICE })
  unitPrice: number;
}

@InputType()
export class PlaceOrderInput {
  @Field(() => ID, { description: "The customer organization that buys" })
  customerId: string;

  @Field(() => ID, {
    nullable: true,
    description: "Vendor only: the partner that resold it. A partner placing an order is its reseller.",
  })
  @IsOptional()
  resellerId?: string | null;

  @Field({ defaultValue: "USD" })
  @Matches(/^[A-Z]{3}$/, { message: "currency must be an ISO 4217 code such as USD" })
  currency: string = "USD";

  @Field(() => [OrderLineInput])
  @ArrayNotEmpty({ message: "lines must hold at least one line" })
  @ArrayMaxSize(50, { message: "lines may hold at most 50 lines" })
  @ValidateNested()
  lines: OrderLineInput[];
}

@ArgsType()
export class OrdersArgs extends PageArgs {}
