import { BadUserInputError, ForbiddenError, RequestContext, toSqlDateTime } from "@partnergraph/kit";
import { Order } from "../order/order.entity";
import { currentQuarter, Period, quarterWindows, today } from "./quarters";
import { PartnerSales, QuarterBookings } from "./sales.type";

export const SALES_CURRENCY = "USD";
const MAX_QUARTERS = 20;

/** Bookings of the orders a partner resold. Seen by the partner acting as itself and the vendor's administrators. */
export class SalesService {
  constructor(private readonly ctx: RequestContext) {}

  /** The partner acting as itself, or the vendor admin; anyone else FORBIDDEN. */
  assertMaySeePartnerFigures(partnerId: string, what: string): void {
    const caller = this.ctx.requireCaller();
    if (caller.isVendorAdmin || caller.organizationId === partnerId) return;
    throw new ForbiddenError(`Only ${partnerId} itself and the vendor see its ${what}`);
  }

  of(partnerId: string): PartnerSales {
    this.assertMaySeePartnerFigures(partnerId, "sales");
    return Object.assign(new PartnerSales(), { partnerId, now: new Date(), currency: SALES_CURRENCY });
  }

  async todayBookings(sales: PartnerSales): Promise<number> {
    return (await this.sums(sales.partnerId, [today(sales.now), currentQuarter(sales.now)]))[0];
  }

  async quarterToDateBookings(sales: PartnerSales): Promise<number> {
    return (await this.sums(sales.partnerId, [today(sales.now), currentQuarter(sales.now)]))[1];
  }

  async quarters(sales: PartnerSales, last: number): Promise<QuarterBookings[]> {
    if (!Number.isInteger(last) || last < 1 || last > MAX_QUARTERS)
      throw new BadUserInputError("last", `last must be between 1 and ${MAX_QUARTERS}`);
    const windows = quarterWindows(sales.now, last);
    const sums = await this.sums(sales.partnerId, [
      ...windows.map((w) => w.period),
      ...windows.map((w) => w.previousYear),
    ]);
    return windows.map((w, i) => ({ quarter: w.quarter, bookings: sums[i], previousYearBookings: sums[last + i] }));
  }

  /**
   * The partner's resold bookings in each period (in cents, 0 when none). One statement for every partner
   * of the request asking for the same periods: a range over the (reseller_id, placed_at) index, summed per period.
   */
  private sums(partnerId: string, periods: Period[]): Promise<number[]> {
    const key = periods.map((p) => `${p.start.toISOString()}/${p.end.toISOString()}`).join(",");
    return this.ctx
      .loader<string, number[]>(`resold-bookings:${key}`, async (ids) => {
        const from = new Date(Math.min(...periods.map((p) => p.start.getTime())));
        const to = new Date(Math.max(...periods.map((p) => p.end.getTime())));
        const qb = this.ctx.repository(Order).createQueryBuilder("o").select("o.reseller_id", "resellerId");
        periods.forEach((p, i) => {
          qb.addSelect(
            `SUM(CASE WHEN o.placed_at >= :s${i} AND o.placed_at < :e${i} THEN o.total_cents ELSE 0 END)`,
            `p${i}`,
          );
          qb.setParameter(`s${i}`, toSqlDateTime(p.start)).setParameter(`e${i}`, toSqlDateTime(p.end));
        });
        const rows = await qb
          .where("o.reseller_id IN (:...ids)", { ids: [...ids] })
          .andWhere("o.placed_at >= :from AND o.placed_at < :to", { from: toSqlDateTime(from), to: toSqlDateTime(to) })
          .andWhere("o.currency = :currency", { currency: SALES_CURRENCY })
          .groupBy("o.reseller_id")
          .getRawMany<Record<string, string | number | null>>();
        return ids.map((id) => {
          const row = rows.find((r) => r.resellerId === id);
          return periods.map((_, i) => Number(row?.[`p${i}`] ?? 0));
        });
      })
      .load(partnerId);
  }
}
