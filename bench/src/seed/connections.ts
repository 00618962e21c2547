import { toSqlDateTime } from "@partnergraph/kit";
import { createHash } from "node:crypto";
import type { TableSpec } from "./bulk";
import { daysFrom, Plan, seedId } from "./plan";
import { base32, Random } from "./random";

/** Pairs that were connected once and are no more: one for every twentieth ACTIVE customer of a partner. */
function terminatedPairs(plan: Plan): [partner: number, customer: number][] {
  const random = new Random(plan.options.seed, "terminated");
  const pairs: [number, number][] = [];
  for (const p of plan.partners) {
    for (let k = 0; k < Math.floor(p.customers.length / 20); k++) {
      const customer = random.int(0, plan.customers.length - 1);
      if (!plan.customers[customer].partners.includes(p.index)) pairs.push([p.index, customer]);
    }
  }
  return pairs;
}

/** Connections' part: every partner's ACTIVE connections (the customer's name kept for sorting), some ended ones, and invitation links. */
export function connectionsTables(plan: Plan): TableSpec[] {
  const { seed, anchor } = plan.options;
  const at = (days: number) => toSqlDateTime(daysFrom(anchor, days));
  const s = base32(seed, 2);
  const ended = terminatedPairs(plan);
  const active = plan.partners.reduce((n, p) => n + p.customers.length, 0);

  const connections: TableSpec = {
    table: "connection",
    columns: [
      "id",
      "partner_id",
      "customer_id",
      "status",
      "connected_at",
      "active_key",
      "customer_name",
      "origin",
      "terminated_at",
      "terminated_by",
      "terminated_by_user_id",
    ],
    idPrefix: `CON-${s}`,
    count: active + ended.length,
    *rows() {
      const random = new Random(seed, "connection");
      let n = 0;
      for (const p of plan.partners) {
        for (const index of p.customers) {
          const c = plan.customers[index];
          const origin = random.chance(0.3) ? "ADDED_BY_PARTNER" : "INVITATION";
          yield [
            seedId("CON", seed, "A", n++, 8),
            p.id,
            c.id,
            "ACTIVE",
            at(-random.int(1, 730)),
            `${p.id}:${c.id}`,
            c.name,
            origin,
            null,
            null,
            null,
          ];
        }
      }
      for (const [partner, customer] of ended) {
        const p = plan.partners[partner];
        const c = plan.customers[customer];
        const connected = -random.int(200, 730);
        const byCustomer = random.chance(0.5);
        yield [
          seedId("CON", seed, "T", n++, 8),
          p.id,
          c.id,
          "TERMINATED",
          at(connected),
          null,
          c.name,
          "INVITATION",
          at(connected + random.int(10, 190)),
          byCustomer ? "CUSTOMER" : "PARTNER",
          byCustomer ? c.adminUserId : p.adminUserId,
        ];
      }
    },
  };

  const links: TableSpec = {
    table: "invitation_link",
    columns: ["partner_id", "token", "created_at"],
    idColumn: "partner_id",
    idPrefix: `ORG-${s}`,
    count: plan.partners.length,
    *rows() {
      for (const p of plan.partners) {
        const token = createHash("sha256").update(`invitation:${seed}:${p.id}`).digest("base64url");
        yield [p.id, token, at(-800)];
      }
    },
  };

  return [connections, links];
}
