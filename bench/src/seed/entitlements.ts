import { toSqlDateTime } from "@partnergraph/kit";
import { CATALOG } from "@partnergraph/entitlements";
import type { TableSpec } from "./bulk";
import { DAY_MS, daysFrom, Plan, seedId, spread, sumOf } from "./plan";
import { base32, Random } from "./random";

/** Monthly list price of one license, in cents. */
const PRICE_CENTS: Record<string, number> = {
  SDWAN: 4500,
  VAD: 1800,
  SPA: 700,
  ANALYTICS: 900,
  ENDPOINT: 350,
  WORKSPACE: 600,
  CONTENT: 500,
};
const TERMS = [12, 24, 36];
const STAGES = ["LEAD", "LEAD", "QUALIFIED", "QUALIFIED", "PROPOSAL", "WON", "WON", "LOST"];
const linesOf = (order: number) => 1 + (order % 3);

/** `total` shared among partners in proportion to their customers (plus a little for the smallest). */
function perPartner(plan: Plan, total: number): number[] {
  const weights = plan.partners.map((p) => p.customers.length + 5);
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((total * w) / sum));
  let left = total - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % counts.length, left--) counts[i]++;
  return counts;
}

/** How many orders each customer has (by customer index). */
function orderCounts(plan: Plan): ArrayLike<number> {
  return spread(plan.options.orders, plan.customers.length, 24, new Random(plan.options.seed, "order-counts"));
}

/** Column of `customer_order` rows: the customer, and the reseller (null when the customer bought directly). */
export const ORDER_CUSTOMER = 2;
export const ORDER_RESELLER = 3;

/**
 * Two years of orders (most resold by a partner of the customer) and their lines, as `customer_order` and `order_line`
 * rows. Drawn once, in one stream (the lines need the same draws): the seed writes them, the benchmark picks a
 * customer by them.
 */
export function drawOrders(plan: Plan): { orderRows: unknown[][]; lineRows: unknown[][] } {
  const { seed, anchor } = plan.options;
  const s = base32(seed, 2);
  const ordersOf = orderCounts(plan);
  const orderRows: unknown[][] = [];
  const lineRows: unknown[][] = [];
  const random = new Random(seed, "order");
  let n = 0;
  let line = 0;
  for (const c of plan.customers) {
    for (let k = 0; k < ordersOf[c.index]; k++) {
      const placed = new Date(anchor.getTime() - random.int(0, 730 * 24) * 3_600_000 + random.int(0, 3_599_999));
      const reseller = c.partners.length && random.chance(0.7) ? plan.partners[random.pick(c.partners)] : null;
      const currency = random.chance(0.95) ? "USD" : "EUR";
      const id = seedId("ORD", seed, "O", n, 8);
      let total = 0;
      for (let l = 0; l < linesOf(n); l++) {
        const service = CATALOG[(c.index + k + l * 2) % CATALOG.length];
        const quantity = random.int(5, 300);
        const term = random.pick(TERMS);
        total += quantity * term * PRICE_CENTS[service.code];
        lineRows.push([
          seedId("OLN", seed, "L", line++, 8),
          id,
          l + 1,
          service.code,
          quantity,
          term,
          PRICE_CENTS[service.code],
        ]);
      }
      const yymm = `${String(placed.getUTCFullYear()).slice(2)}${String(placed.getUTCMonth() + 1).padStart(2, "0")}`;
      const placedAt = toSqlDateTime(placed);
      orderRows.push([
        id,
        `SO-${yymm}-${s}${base32(n, 6)}`,
        c.id,
        reseller?.id ?? null,
        placedAt,
        currency,
        total,
        reseller?.adminUserId ?? c.adminUserId,
        placedAt,
      ]);
      n++;
    }
  }
  return { orderRows, lineRows };
}

/**
 * Entitlements' part: trials in every state, entitlements (one per customer and service), two years of orders
 * (most resold by a partner of the customer) with their lines, partners' deals and joint goals, and resell
 * registrations. Every trial and entitlement is marked announced, so the expiry scanner finds nothing to do.
 */
export function entitlementsTables(plan: Plan): TableSpec[] {
  const { seed, anchor } = plan.options;
  const at = (days: number) => toSqlDateTime(daysFrom(anchor, days));
  const s = base32(seed, 2);
  const customers = plan.customers;
  const trialCounts = spread(plan.options.trials, customers.length, 12, new Random(seed, "trial-counts"));
  const entitlementCounts = spread(plan.options.entitlements, customers.length, 7, new Random(seed, "ent-counts"));

  const trials: TableSpec = {
    table: "trial",
    columns: [
      "id",
      "organization_id",
      "service_code",
      "status",
      "open_key",
      "requested_at",
      "requested_by_user_id",
      "added_by_organization_id",
      "starts_at",
      "ends_at",
      "decided_at",
      "decided_by_user_id",
      "expiry_announced_at",
    ],
    idPrefix: `TRL-${s}`,
    count: sumOf(trialCounts),
    *rows() {
      const random = new Random(seed, "trial");
      let n = 0;
      for (const c of customers) {
        for (let k = 0; k < trialCounts[c.index]; k++) {
          // The first seven trials of a customer are of distinct services: only they may be open.
          const service = CATALOG[(c.index + k) % CATALOG.length];
          const roll = k < CATALOG.length ? random.next() : 0.5 + random.next() / 2;
          const addedBy = c.partners.length && random.chance(0.3) ? plan.partners[c.partners[0]].id : null;
          const id = seedId("TRL", seed, "T", n++, 8);
          const openKey = `${c.id}:${service.code}`;
          if (roll < 0.1) {
            yield [
              id,
              c.id,
              service.code,
              "PENDING",
              openKey,
              at(-random.int(0, 10)),
              c.adminUserId,
              addedBy,
              null,
              null,
              null,
              null,
              null,
            ];
            continue;
          }
          if (roll > 0.85) {
            const requested = -random.int(20, 700);
            yield [
              id,
              c.id,
              service.code,
              "DECLINED",
              null,
              at(requested),
              c.adminUserId,
              addedBy,
              null,
              null,
              at(requested + 2),
              plan.vendorAdminUserId,
              null,
            ];
            continue;
          }
          // ACTIVE: running now (holds the open key) or past its end (EXPIRED when read).
          const running = roll < 0.3;
          const start = running ? -random.int(0, 20) : -random.int(60, 700);
          const end = start + service.trialDays;
          yield [
            id,
            c.id,
            service.code,
            "ACTIVE",
            running ? openKey : null,
            at(start - 1),
            c.adminUserId,
            addedBy,
            at(start),
            at(end),
            at(start),
            plan.vendorAdminUserId,
            at(Math.min(0, end - 14)),
          ];
        }
      }
    },
  };

  const entitlements: TableSpec = {
    table: "entitlement",
    columns: [
      "id",
      "organization_id",
      "service_code",
      "license_count",
      "unit",
      "starts_at",
      "expires_at",
      "expiry_announced_at",
    ],
    idPrefix: `ENT-${s}`,
    count: sumOf(entitlementCounts),
    *rows() {
      const random = new Random(seed, "entitlement");
      let n = 0;
      for (const c of customers) {
        for (let k = 0; k < entitlementCounts[c.index]; k++) {
          const service = CATALOG[(c.index * 3 + k) % CATALOG.length];
          const start = -random.int(30, 900);
          const expires = start + random.pick(TERMS) * 30;
          yield [
            seedId("ENT", seed, "E", n++, 8),
            c.id,
            service.code,
            random.int(5, 500),
            service.licenseUnit,
            at(start),
            at(expires),
            at(Math.min(0, expires - 14)),
          ];
        }
      }
    },
  };

  const { orderRows, lineRows } = drawOrders(plan);
  const orders: TableSpec = {
    table: "customer_order",
    columns: [
      "id",
      "number",
      "organization_id",
      "reseller_id",
      "placed_at",
      "currency",
      "total_cents",
      "placed_by_user_id",
      "created_at",
    ],
    idPrefix: `ORD-${s}`,
    count: orderRows.length,
    rows: () => orderRows,
  };
  const lines: TableSpec = {
    table: "order_line",
    columns: ["id", "order_id", "line_number", "service_code", "quantity", "term_months", "unit_price_cents"],
    idPrefix: `OLN-${s}`,
    count: lineRows.length,
    rows: () => lineRows,
  };

  const dealCounts = perPartner(plan, plan.options.deals);
  const deals: TableSpec = {
    table: "opportunity",
    columns: [
      "id",
      "partner_id",
      "customer_id",
      "prospect_name",
      "title",
      "stage",
      "amount_cents",
      "expected_close_at",
      "created_at",
      "closed_at",
    ],
    idPrefix: `OPP-${s}`,
    count: plan.options.deals,
    *rows() {
      const random = new Random(seed, "opportunity");
      let n = 0;
      for (const p of plan.partners) {
        for (let k = 0; k < dealCounts[p.index]; k++) {
          const customer = p.customers.length && random.chance(0.7) ? customers[random.pick(p.customers)] : null;
          const stage = random.pick(STAGES);
          const created = -random.int(0, 730);
          const closed = stage === "WON" || stage === "LOST" ? Math.min(0, created + random.int(10, 200)) : null;
          yield [
            seedId("OPP", seed, "D", n++, 8),
            p.id,
            customer?.id ?? null,
            customer ? null : `Prospect ${base32(n, 5)}`,
            `${CATALOG[k % CATALOG.length].name} for ${customer?.name ?? "a prospect"}`,
            stage,
            random.int(10, 5000) * 10_000,
            at(created + random.int(30, 180)),
            at(created),
            closed === null ? null : at(closed),
          ];
        }
      }
    },
  };

  // Goals on the current quarter and half year: most agreed by the partner, some still proposed or declined.
  const quarterStart = new Date(Date.UTC(anchor.getUTCFullYear(), Math.floor(anchor.getUTCMonth() / 3) * 3, 1));
  const halfStart = new Date(Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth() < 6 ? 0 : 6, 1));
  const plus = (date: Date, months: number) =>
    new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const goalCounts = perPartner(plan, plan.options.goals);
  const goals: TableSpec = {
    table: "joint_goal",
    columns: [
      "id",
      "partner_id",
      "metric",
      "target_value",
      "period_start",
      "period_end",
      "reward_kind",
      "reward_amount",
      "created_by_user_id",
      "created_at",
      "status",
      "decided_at",
      "decided_by_user_id",
    ],
    idPrefix: `JGL-${s}`,
    count: plan.options.goals,
    *rows() {
      const random = new Random(seed, "joint_goal");
      let n = 0;
      for (const p of plan.partners) {
        for (let k = 0; k < goalCounts[p.index]; k++) {
          const metric = (["BOOKINGS", "PIPELINE", "WON_DEALS"] as const)[k % 3];
          const half = k % 2 === 1;
          const start = half ? halfStart : quarterStart;
          const target = metric === "WON_DEALS" ? random.int(2, 40) : random.int(5, 500) * 1_000_000;
          const status = random.pick(["AGREED", "AGREED", "AGREED", "AGREED", "PROPOSED", "DECLINED"]);
          const created = toSqlDateTime(new Date(start.getTime() + DAY_MS));
          yield [
            seedId("JGL", seed, "G", n++, 8),
            p.id,
            metric,
            target,
            toSqlDateTime(start),
            toSqlDateTime(plus(start, half ? 6 : 3)),
            k % 2 ? "POINTS" : "REBATE",
            k % 2 ? random.int(100, 5000) : random.int(1, 50) * 100_000,
            plan.vendorAdminUserId,
            created,
            status,
            status === "PROPOSED" ? null : created,
            status === "PROPOSED" ? null : p.adminUserId,
          ];
        }
      }
    },
  };

  const resells: TableSpec = {
    table: "resell_registration",
    columns: [
      "id",
      "organization_id",
      "service_code",
      "registered_by_user_id",
      "registered_at",
      "status",
      "open_key",
      "decided_at",
    ],
    idPrefix: `RSL-${s}`,
    count: plan.partners.reduce((total, p) => total + 1 + (p.index % 3), 0),
    *rows() {
      let n = 0;
      for (const p of plan.partners) {
        for (let k = 0; k <= p.index % 3; k++) {
          const code = CATALOG[(p.index + k) % 6].code;
          // Approved by the vendor when asked: these partners resell their services.
          yield [
            seedId("RSL", seed, "R", n++, 8),
            p.id,
            code,
            p.adminUserId,
            at(-400),
            "APPROVED",
            `${p.id}:${code}`,
            at(-400),
          ];
        }
      }
    },
  };

  return [trials, entitlements, orders, lines, deals, goals, resells];
}
