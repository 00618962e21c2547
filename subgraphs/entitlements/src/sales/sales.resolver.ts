import { RequestContext } from "@partnergraph/kit";
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { MoneyScalar } from "../money/money.scalar";
import { Organization } from "../organization/organization.type";
import { SalesService } from "./sales.service";
import { PartnerSales, QuarterBookings } from "./sales.type";

@Resolver(() => Organization)
export class OrganizationSalesResolver {
  @FieldResolver(() => PartnerSales, {
    nullable: true,
    description:
      "Bookings of the orders this organization resold (Partner 360). Only the partner itself and the vendor see them",
  })
  sales(@Root() organization: Organization, @Ctx() ctx: RequestContext): PartnerSales {
    return ctx.use(SalesService).of(organization.id);
  }
}

@Resolver(() => PartnerSales)
export class PartnerSalesResolver {
  @FieldResolver(() => MoneyScalar, { description: "Bookings of today (UTC)" })
  todayBookings(@Root() sales: PartnerSales, @Ctx() ctx: RequestContext): Promise<number> {
    return ctx.use(SalesService).todayBookings(sales);
  }

  @FieldResolver(() => MoneyScalar, { description: "Bookings of the current UTC calendar quarter so far" })
  quarterToDateBookings(@Root() sales: PartnerSales, @Ctx() ctx: RequestContext): Promise<number> {
    return ctx.use(SalesService).quarterToDateBookings(sales);
  }

  @FieldResolver(() => [QuarterBookings], {
    description: "The last quarters, oldest first; the current quarter is the last element",
  })
  quarters(
    @Root() sales: PartnerSales,
    @Arg("last", () => Int, { defaultValue: 4, description: "How many quarters (1 to 20)" }) last: number,
    @Ctx() ctx: RequestContext,
  ): Promise<QuarterBookings[]> {
    return ctx.use(SalesService).quarters(sales, last);
  }
}
