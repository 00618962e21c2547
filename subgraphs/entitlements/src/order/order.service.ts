import { ADMINISTERS_ROUTE, AUDIT_ACTIONS } from "@partnergraph/contracts";
import {
  callRoute,
  decodeCursor,
  firstRowsPerParent,
  ForbiddenError,
  forUpdate,
  groupByKey,
  inTransaction,
  newId,
  Page,
  ParentSlice,
  recordAudit,
  RequestContext,
  slicePage,
  toSqlDateTime,
} from "@partnergraph/kit";
import { EntityManager, In } from "typeorm";
import { applyLine } from "../entitlement/entitlement.service";
import { Entitlement } from "../entitlement/entitlement.entity";
import { checkOrgId, requireBadgedPartner } from "../organization/orgid";
import { ResellRegistration, ResellStatus } from "../provisioning/resell.entity";
import { Service } from "../service/service.entity";
import { CatalogService } from "../service/service.service";
import { GoalMetric } from "../goal/goal.entity";
import { evaluatePartnerGoals } from "../goal/goal.service";
import { publish } from "../events";
import { OrderLine } from "./order-line.entity";
import { Order } from "./order.entity";
import { PlaceOrderInput } from "./order.inputs";

export interface NewOrder {
  organizationId: string;
  resellerId: string | null;
  currency: string;
  placedAt: Date;
  placedByUserId: string;
  lines: { service: Service; quantity: number; termMonths: number; unitPriceCents: number }[];
}

/** "SO-2611-7K3M9Q": year and month placed, then six random characters (unique index; retried on a clash). */
export function orderNumber(placedAt: Date): string {
  const yymm = `${String(placedAt.getUTCFullYear()).slice(2)}${String(placedAt.getUTCMonth() + 1).padStart(2, "0")}`;
  return `SO-${yymm}-${newId("X", 6).slice(2)}`;
}

/**
 * Writes an order, its lines, and its effect on the customer's entitlements, in the caller's
 * transaction: an order is never booked without its licenses, nor licenses without their order; the events
 * telling webhooks of them are written in it too.
 */
export async function recordOrder(manager: EntityManager, input: NewOrder): Promise<Order> {
  const order = manager.create(Order, {
    id: newId("ORD"),
    number: orderNumber(input.placedAt),
    organizationId: input.organizationId,
    resellerId: input.resellerId,
    placedAt: input.placedAt,
    currency: input.currency,
    totalCents: input.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents * l.termMonths, 0),
    placedByUserId: input.placedByUserId,
    createdAt: new Date(),
  });
  await manager.save(order);
  await manager.save(
    input.lines.map((line, i) =>
      manager.create(OrderLine, {
        id: newId("OLN"),
        orderId: order.id,
        lineNumber: i + 1,
        serviceCode: line.service.code,
        quantity: line.quantity,
        termMonths: line.termMonths,
        unitPriceCents: line.unitPriceCents,
      }),
    ),
  );
  for (const line of input.lines) {
    // Lock only a row that exists (a locking read of a missing key takes a gap lock, and two orders
    // inserting into one gap deadlock); a new entitlement is decided by its unique index instead.
    const found = await manager.findOne(Entitlement, {
      where: { organizationId: input.organizationId, serviceCode: line.service.code },
    });
    const existing = found
      ? await manager.findOne(Entitlement, { where: { id: found.id }, lock: forUpdate(manager) })
      : null;
    const entitlement = await applyLine(manager, existing, {
      organizationId: input.organizationId,
      service: line.service,
      quantity: line.quantity,
      termMonths: line.termMonths,
      placedAt: input.placedAt,
    });
    await publish(manager, "EntitlementChanged", {
      entitlementId: entitlement.id,
      organizationId: entitlement.organizationId,
      serviceCode: entitlement.serviceCode,
      licenseCount: entitlement.licenseCount,
      unit: entitlement.unit,
      startsAt: entitlement.startsAt.toISOString(),
      expiresAt: entitlement.expiresAt.toISOString(),
      orderId: order.id,
      changedAt: input.placedAt.toISOString(),
    });
  }
  await publish(manager, "OrderPlaced", {
    orderId: order.id,
    number: order.number,
    organizationId: order.organizationId,
    resellerId: order.resellerId,
    currency: order.currency,
    totalCents: order.totalCents,
    placedAt: order.placedAt.toISOString(),
    lines: input.lines.map((l) => ({ serviceCode: l.service.code, quantity: l.quantity, termMonths: l.termMonths })),
  });
  return order;
}

export class OrderService {
  constructor(private readonly ctx: RequestContext) {}

  /**
   * The vendor places any customer's order (naming a reseller or not); a badged partner that
   * administers the customer places it as the reseller, for services it registered to resell
   * (and, with a CUSTOM grant, only the grant's services).
   */
  async place(input: PlaceOrderInput): Promise<Order> {
    const caller = this.ctx.requireCaller();
    const actingId = this.ctx.requireOrganization();
    const customerId = checkOrgId(input.customerId, "customerId");
    const catalog = this.ctx.use(CatalogService);
    const lines: NewOrder["lines"] = [];
    for (const [i, line] of input.lines.entries()) {
      lines.push({
        service: await catalog.require(line.serviceCode, `lines.${i}.serviceCode`),
        quantity: line.quantity,
        termMonths: line.termMonths,
        unitPriceCents: line.unitPrice,
      });
    }
    let resellerId: string | null;
    if (caller.isVendorAdmin) {
      resellerId = input.resellerId ? checkOrgId(input.resellerId, "resellerId") : null;
      // Bookings count on the reseller's scorecard and goals: only a badged partner resells.
      if (resellerId) await requireBadgedPartner(resellerId, "resellerId");
    } else {
      if (!caller.isPartner)
        throw new ForbiddenError("Only the vendor, or a partner reselling to a customer it administers, places orders");
      if (input.resellerId && input.resellerId !== actingId)
        throw new ForbiddenError("A partner places orders as their reseller, never for another partner");
      resellerId = actingId;
      await this.assertMayResell(
        actingId,
        customerId,
        lines.map((l) => l.service),
      );
    }
    // An order-number clash, a deadlock, or another order creating the same entitlement at that moment: start over.
    const order = await inTransaction(
      this.ctx.dataSource,
      async (manager) => {
        const placed = await recordOrder(manager, {
          organizationId: customerId,
          resellerId,
          currency: input.currency,
          placedAt: new Date(),
          placedByUserId: caller.userId,
          lines,
        });
        await recordAudit(manager, caller, {
          action: AUDIT_ACTIONS.placeOrder,
          subjectType: "Order",
          subjectId: placed.id,
          targetOrganizationId: customerId,
          summary:
            `Placed order ${placed.id}: ` +
            lines.map((line) => `${line.quantity} × ${line.service.code} for ${line.termMonths} months`).join(", "),
        });
        return placed;
      },
      { retry: "lock-or-unique" },
    );
    // A resold order moves the reseller's BOOKINGS goals: reward and milestones are recorded now, not at the next read.
    if (resellerId) await evaluatePartnerGoals(this.ctx.dataSource, resellerId, GoalMetric.BOOKINGS);
    return order;
  }

  private async assertMayResell(partnerId: string, customerId: string, services: Service[]): Promise<void> {
    const grant = await callRoute(ADMINISTERS_ROUTE, { partnerId, customerId });
    if (!grant.administers) throw new ForbiddenError(`Your organization does not administer ${customerId}`);
    const codes = [...new Set(services.map((s) => s.code))];
    const outsideGrant = grant.access === "FULL" ? [] : codes.filter((c) => !grant.serviceCodes.includes(c));
    if (outsideGrant.length)
      throw new ForbiddenError(`Your administrator grant on ${customerId} does not cover ${outsideGrant.join(", ")}`);
    const notResellable = services.filter((s) => !s.resellable).map((s) => s.code);
    if (notResellable.length)
      throw new ForbiddenError(`Partners may not resell ${[...new Set(notResellable)].join(", ")}`);
    const registered = await this.ctx
      .repository(ResellRegistration)
      .find({ where: { organizationId: partnerId, serviceCode: In(codes), status: ResellStatus.APPROVED } });
    const missing = codes.filter((c) => !registered.some((r) => r.serviceCode === c));
    if (missing.length)
      throw new ForbiddenError(
        `The vendor has not approved you to resell ${missing.join(", ")}: register to resell first`,
      );
  }

  /** A page of an organization's orders, newest first. All organizations of a request share one statement per distinct page. */
  async ofOrganization(organizationId: string, first: number, after?: string | null): Promise<Page<Order>> {
    await this.ctx.assertCanSeeArea(organizationId, "ORDERS");
    const afterKey = decodeCursor(after, 2);
    const slice = await this.ctx
      .loader<string, ParentSlice<Order>>(`orders-by-organization:${first}:${after ?? ""}`, (ids) =>
        firstRowsPerParent({
          repository: this.ctx.repository(Order),
          parentColumn: "organization_id",
          parentProperty: "organizationId",
          parentIds: ids,
          orderBy: [["placed_at", "DESC"]],
          first,
          filter: afterKey
            ? (qb) =>
                qb.andWhere("(t.placed_at < :afterAt OR (t.placed_at = :afterAt AND t.id > :afterId))", {
                  afterAt: afterKey[0],
                  afterId: afterKey[1],
                })
            : undefined,
        }),
      )
      .load(organizationId);
    const totalCount = afterKey ? await this.count(organizationId) : slice.totalCount;
    return slicePage(slice, (order) => [toSqlDateTime(order.placedAt), order.id], totalCount);
  }

  /** Orders per organization, batched (only needed past the first page: the first page's query counts already). */
  private count(organizationId: string): Promise<number> {
    return this.ctx
      .loader<string, number>("order-count-by-organization", async (ids) => {
        const rows = await this.ctx
          .repository(Order)
          .createQueryBuilder("o")
          .select("o.organization_id", "organizationId")
          .addSelect("COUNT(*)", "count")
          .where({ organizationId: In([...ids]) })
          .groupBy("o.organization_id")
          .getRawMany<{ organizationId: string; count: string | number }>();
        return ids.map((id) => Number(rows.find((r) => r.organizationId === id)?.count ?? 0));
      })
      .load(organizationId);
  }

  /** Lines of many orders in one query. */
  lines(orderId: string): Promise<OrderLine[]> {
    return this.ctx
      .loader<string, OrderLine[]>("lines-by-order", async (ids) => {
        const rows = await this.ctx
          .repository(OrderLine)
          .find({ where: { orderId: In([...ids]) }, order: { lineNumber: "ASC" } });
        return groupByKey(ids, rows, (l) => l.orderId);
      })
      .load(orderId);
  }
}
