import { toSqlDateTime } from "@partnergraph/kit";
import { CATALOG } from "@partnergraph/entitlements";
import type { TableSpec } from "./bulk";
import { customerPeople } from "./identity";
import { customerUserId, DAY_MS, Plan, seedId, spread, sumOf } from "./plan";
import { base32, Random } from "./random";

const SUBJECTS = ["Login fails", "Slow sessions", "License count wrong", "Tunnel flaps", "Sync errors", "Report empty"];
const CATEGORIES = ["TRIAL_EXPIRING", "ENTITLEMENT_EXPIRING", "SUPPORT", "CUSTOMER_CONNECTED", "GOAL"] as const;
/** Every fiftieth notification of a customer with a partner is dismissed by that partner. */
const dismissedBy = (plan: Plan, customer: number, n: number) =>
  n % 50 === 0 && plan.customers[customer].partners.length ? plan.partners[plan.customers[customer].partners[0]] : null;

/**
 * Support's part: customers' cases over two years (recent ones mostly open), notifications to customers and
 * to partners (one per connection), partners' dismissals of some, and named contacts.
 */
export function supportTables(plan: Plan): TableSpec[] {
  const { seed, anchor } = plan.options;
  const ago = (ms: number) => toSqlDateTime(new Date(anchor.getTime() - ms));
  const s = base32(seed, 2);
  const customers = plan.customers;
  const connectionCount = plan.partners.reduce((n, p) => n + p.customers.length, 0);
  const ticketCounts = spread(plan.options.tickets, customers.length, 60, new Random(seed, "ticket-counts"));
  const toCustomers = Math.max(0, plan.options.notifications - connectionCount);
  const notificationCounts = spread(toCustomers, customers.length, 120, new Random(seed, "notification-counts"));

  const tickets: TableSpec = {
    table: "ticket",
    columns: [
      "id",
      "number",
      "organization_id",
      "title",
      "description",
      "service_code",
      "severity",
      "status",
      "language",
      "opened_by_user_id",
      "created_at",
      "updated_at",
    ],
    idPrefix: `TKT-${s}`,
    count: sumOf(ticketCounts),
    *rows() {
      const random = new Random(seed, "ticket");
      let n = 0;
      for (const c of customers) {
        for (let k = 0; k < ticketCounts[c.index]; k++) {
          const age = random.int(0, 720 * 24) * 3_600_000 + random.int(0, 3_599_999);
          const recent = age < 30 * DAY_MS;
          const roll = random.next();
          const status = recent
            ? roll < 0.5
              ? "OPEN"
              : roll < 0.75
                ? "IN_PROGRESS"
                : roll < 0.85
                  ? "WAITING_ON_CUSTOMER"
                  : "RESOLVED"
            : roll < 0.05
              ? "OPEN"
              : roll < 0.45
                ? "RESOLVED"
                : "CLOSED";
          const subject = random.pick(SUBJECTS);
          const opener = customerUserId(seed, c.index, random.int(0, customerPeople(c.index) - 1));
          yield [
            seedId("TKT", seed, "K", n, 8),
            `CS-${s}${base32(n++, 6)}`,
            c.id,
            `${subject} (${c.name})`,
            `${subject}: reported by the customer's administrator; steps to reproduce and logs attached to the case.`,
            random.chance(0.8) ? random.pick(CATALOG).code : null,
            random.int(1, 4),
            status,
            random.chance(0.85) ? "en" : random.pick(["de", "fr", "es"]),
            opener,
            ago(age),
            ago(Math.max(0, age - random.int(0, 10) * DAY_MS)),
          ];
        }
      }
    },
  };

  const notifications: TableSpec = {
    table: "notification",
    columns: [
      "id",
      "organization_id",
      "category",
      "title",
      "body",
      "related_organization_id",
      "source_event_id",
      "created_at",
    ],
    idPrefix: `NTF-${s}`,
    count: sumOf(notificationCounts) + connectionCount,
    *rows() {
      const random = new Random(seed, "notification");
      let n = 0;
      for (const c of customers) {
        for (let k = 0; k < notificationCounts[c.index]; k++) {
          const category = random.pick(CATEGORIES);
          const partner = c.partners.length ? plan.partners[c.partners[0]].id : null;
          yield [
            seedId("NTF", seed, "N", n++, 8),
            c.id,
            category,
            `${category.replace(/_/g, " ").toLowerCase()}`,
            `Something about your account changed (${category}); see the portal for details.`,
            category === "CUSTOMER_CONNECTED" ? partner : null,
            null,
            ago(random.int(0, 365 * 24) * 3_600_000 + random.int(0, 3_599_999)),
          ];
        }
      }
      // Each partner heard of each customer that connected with it.
      for (const p of plan.partners) {
        for (const index of p.customers) {
          yield [
            seedId("NTF", seed, "N", n++, 8),
            p.id,
            "CUSTOMER_CONNECTED",
            "A customer connected with you",
            `${customers[index].name} accepted your invitation.`,
            customers[index].id,
            null,
            ago(random.int(0, 730 * 24) * 3_600_000),
          ];
        }
      }
    },
  };

  const dismissalCount = customers.reduce((total, c) => {
    for (let k = 0; k < notificationCounts[c.index]; k++) if (dismissedBy(plan, c.index, k)) total++;
    return total;
  }, 0);
  const dismissals: TableSpec = {
    table: "notification_dismissal",
    columns: ["id", "notification_id", "organization_id", "dismissed_by_user_id", "dismissed_at"],
    idPrefix: `NDS-${s}`,
    count: dismissalCount,
    *rows() {
      let n = 0;
      let notification = 0;
      for (const c of customers) {
        for (let k = 0; k < notificationCounts[c.index]; k++, notification++) {
          const partner = dismissedBy(plan, c.index, k);
          if (!partner) continue;
          yield [
            seedId("NDS", seed, "S", n++, 8),
            seedId("NTF", seed, "N", notification, 8),
            partner.id,
            partner.adminUserId,
            ago(0),
          ];
        }
      }
    },
  };

  // Half the customers name their administrator the technical contact; a fifth name a renewal contact.
  const contactRoles = (customer: number) => [
    ...(customer % 2 === 0 ? ["TECHNICAL"] : []),
    ...(customer % 5 === 0 ? ["RENEWAL"] : []),
  ];
  const contacts: TableSpec = {
    table: "contact",
    columns: ["id", "organization_id", "user_id", "role", "named_by_user_id", "created_at"],
    idPrefix: `CNT-${s}`,
    count: customers.reduce((total, c) => total + contactRoles(c.index).length, 0),
    *rows() {
      let n = 0;
      for (const c of customers) {
        for (const role of contactRoles(c.index)) {
          const person = role === "RENEWAL" ? customerPeople(c.index) - 1 : 0;
          yield [
            seedId("CNT", seed, "N", n++, 8),
            c.id,
            customerUserId(seed, c.index, person),
            role,
            c.adminUserId,
            ago(90 * DAY_MS),
          ];
        }
      }
    },
  };

  return [tickets, notifications, dismissals, contacts];
}
