import { config, devSubject, toSqlDateTime } from "@partnergraph/kit";
import { CATALOG } from "@partnergraph/entitlements";
import type { TableSpec } from "./bulk";
import { CUSTOMER_PEOPLE, customerUserId, daysFrom, PARTNER_PEOPLE, partnerUserId, Plan, seedId } from "./plan";
import { base32, Random } from "./random";

const PROGRAMS = ["SOLUTION_ADVISOR", "SERVICE_PROVIDER", "TECHNOLOGY_ALLIANCE", "DISTRIBUTOR"];
const TIERS = ["SILVER", "GOLD", "PLATINUM", null];
const LEVELS = ["Associate", "Professional", "Expert"];

/** People per organization: partners grow with their customers, customers have one to three. */
export const partnerPeople = (customers: number) => Math.min(PARTNER_PEOPLE, 2 + Math.floor(customers / 400));
export const customerPeople = (customer: number) => 1 + (customer % (CUSTOMER_PEOPLE - 1));

/**
 * Identity's part: organizations, people (subjects a development token names, so `npm run token` works for
 * them), partner-program memberships, certifications, and the partners' administrator grants on a tenth of
 * their customers.
 */
export function identityTables(plan: Plan): TableSpec[] {
  const { seed, anchor } = plan.options;
  const at = (days: number) => toSqlDateTime(daysFrom(anchor, days));
  const s = base32(seed, 2);
  const partnersOf = plan.partners;

  const organizations: TableSpec = {
    table: "organization",
    columns: ["id", "name", "country", "is_vendor", "created_at"],
    idPrefix: `ORG-${s}`,
    count: plan.customers.length + partnersOf.length,
    *rows() {
      const random = new Random(seed, "organization");
      for (const c of plan.customers) yield [c.id, c.name, c.country, 0, at(-random.int(30, 3000))];
      for (const p of partnersOf) yield [p.id, p.name, "US", 0, at(-random.int(400, 4000))];
    },
  };

  const person = (id: string, email: string, name: string, organizationId: string, role: string, created: string) => [
    id,
    devSubject(email),
    email,
    name,
    organizationId,
    role,
    created,
  ];
  /** An organization's people: the first its administrator (the plan's address), the others members. */
  function* peopleOf(
    org: { id: string; name: string; adminEmail: string },
    count: number,
    idOf: (k: number) => string,
    random: Random,
  ) {
    for (let k = 0; k < count; k++) {
      const email = k === 0 ? org.adminEmail : `person${k}@${org.id.toLowerCase()}.bench.example`;
      yield person(
        idOf(k),
        email,
        `Person ${k} of ${org.name}`,
        org.id,
        k === 0 ? "ADMIN" : "MEMBER",
        at(-random.int(1, 900)),
      );
    }
  }
  const users: TableSpec = {
    table: "user",
    columns: ["id", "subject", "email", "display_name", "organization_id", "role", "created_at"],
    idPrefix: `USR-${s}`,
    count:
      plan.customers.reduce((n, c) => n + customerPeople(c.index), 0) +
      partnersOf.reduce((n, p) => n + partnerPeople(p.customers.length), 0) +
      1,
    *rows() {
      const random = new Random(seed, "user");
      for (const c of plan.customers)
        yield* peopleOf(c, customerPeople(c.index), (k) => customerUserId(seed, c.index, k), random);
      for (const p of partnersOf)
        yield* peopleOf(p, partnerPeople(p.customers.length), (k) => partnerUserId(seed, p.index, k), random);
      yield person(
        plan.vendorAdminUserId,
        plan.vendorAdminEmail,
        "Bench Vendor Ops",
        config().vendorOrganizationId,
        "ADMIN",
        at(-1000),
      );
    },
  };

  // Every partner holds an ACTIVE membership (the benchmark's three a GOLD Solution Advisor one); a fifth a second one.
  const memberships: TableSpec = {
    table: "program_membership",
    columns: ["id", "organization_id", "program", "tier", "starts_at", "ends_at", "revoked_at", "granted_by_user_id"],
    idPrefix: `PMB-${s}`,
    count: partnersOf.length + partnersOf.filter((p) => p.index % 5 === 4).length,
    *rows() {
      const random = new Random(seed, "program_membership");
      let n = 0;
      for (const p of partnersOf) {
        const program = p.index < 3 ? "SOLUTION_ADVISOR" : random.pick(PROGRAMS);
        const tier = p.index < 3 ? "GOLD" : random.pick(TIERS);
        const row = (prog: string, t: string | null) => [
          seedId("PMB", seed, "M", n++),
          p.id,
          prog,
          t,
          at(-random.int(60, 1800)),
          at(random.int(200, 900)),
          null,
          plan.vendorAdminUserId,
        ];
        yield row(program, tier);
        if (p.index % 5 === 4) yield row(PROGRAMS[(PROGRAMS.indexOf(program) + 1) % PROGRAMS.length], null);
      }
    },
  };

  // Partner people hold one to three certifications (a few expired); products by their catalog names.
  const certificationCount = (p: number, k: number) => (p * 7 + k) % 4;
  const certifications: TableSpec = {
    table: "certification",
    columns: ["id", "user_id", "product", "level", "achieved_at", "expires_at"],
    idPrefix: `CRT-${s}`,
    count: partnersOf.reduce((n, p) => {
      for (let k = 0; k < partnerPeople(p.customers.length); k++) n += certificationCount(p.index, k);
      return n;
    }, 0),
    *rows() {
      const random = new Random(seed, "certification");
      let n = 0;
      for (const p of partnersOf) {
        for (let k = 0; k < partnerPeople(p.customers.length); k++) {
          for (let c = 0; c < certificationCount(p.index, k); c++) {
            const achieved = -random.int(30, 1500);
            yield [
              seedId("CRT", seed, "X", n++),
              partnerUserId(seed, p.index, k),
              CATALOG[(p.index + k + c) % CATALOG.length].name,
              random.pick(LEVELS),
              at(achieved),
              at(achieved + 730),
            ];
          }
        }
      }
    },
  };

  // A partner's administrator holds a FULL grant on every tenth of its customers (it may act on them).
  const granted = (p: number, k: number) => (p + k) % 10 === 0;
  const grants: TableSpec = {
    table: "administrator_grant",
    columns: [
      "id",
      "organization_id",
      "email",
      "access",
      "service_codes",
      "status",
      "invited_by_user_id",
      "grantee_user_id",
      "invited_at",
      "responded_at",
    ],
    idPrefix: `AGR-${s}`,
    count: partnersOf.reduce((n, p) => n + p.customers.filter((_, k) => granted(p.index, k)).length, 0),
    *rows() {
      const random = new Random(seed, "administrator_grant");
      let n = 0;
      for (const p of partnersOf) {
        for (let k = 0; k < p.customers.length; k++) {
          if (!granted(p.index, k)) continue;
          const customer = plan.customers[p.customers[k]];
          const invited = -random.int(10, 700);
          yield [
            seedId("AGR", seed, "G", n++),
            customer.id,
            p.adminEmail,
            "FULL",
            "[]",
            "ACCEPTED",
            customer.adminUserId,
            p.adminUserId,
            at(invited),
            at(invited + 2),
          ];
        }
      }
    },
  };

  return [organizations, users, memberships, certifications, grants];
}
