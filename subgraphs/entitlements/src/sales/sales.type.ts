import { Field, ObjectType } from "type-graphql";
import { MoneyScalar } from "../money/money.scalar";

/** Bookings of one UTC calendar quarter and of the same quarter a year before. */
@ObjectType({ description: "Bookings of one UTC calendar quarter, with the same quarter a year before" })
export class QuarterBookings {
  @Field({ description: 'The quarter, e.g. "2026-Q4"' })
  quarter: string;

  @Field(() => MoneyScalar, { description: "Total of the orders the partner resold in the quarter" })
  bookings: number;

  @Field(() => MoneyScalar, { description: "Total of the orders the partner resold in the same quarter a year before" })
  previousYearBookings: number;
}

/** A partner's bookings: orders it resold (reseller = the organization). Fields resolve in PartnerSalesResolver. */
@ObjectType({ description: "Bookings of the orders a partner resold, in UTC calendar days and quarters" })
export class PartnerSales {
  /** The partner whose resold orders these are. */
  partnerId: string;

  /** The moment the figures are computed for (one per request). */
  now: Date;

  @Field({ description: "ISO 4217 currency code of every amount" })
  currency: string;
}
