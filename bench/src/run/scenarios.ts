import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Kind, parse, print } from "graphql";
import { benchPartner, BenchPartnerSize, drawOrders, ORDER_CUSTOMER, ORDER_RESELLER, Plan } from "../seed";

export const ENGINES = ["partnergraph", "hive", "monolith"] as const;
export type Engine = (typeof ENGINES)[number];
export type Operation = "PartnerDashboard" | "CustomerDetail" | "PartnerScorecard";

/** One cell of the benchmark: an operation as one person, for a partner of a size, on the engines that answer it. */
export interface Scenario {
  operation: Operation;
  /** The partner's customers (the results are keyed by it). */
  size: number;
  email: string;
  query: string;
  variables: Record<string, unknown>;
  engines: Engine[];
}

const OPERATIONS_DIR = join(__dirname, "..", "..", "..", "schema", "operations");

/** A contract operation's text, as clients send it. */
export function contractOperation(file: string, name: string): string {
  const definition = parse(readFileSync(join(OPERATIONS_DIR, file), "utf8")).definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name,
  );
  if (!definition) throw new Error(`no operation ${name} in schema/operations/${file}`);
  return print(definition);
}

/**
 * The 1,000-customer partner's first customer with at least two orders, one of them resold. Its order lines, their
 * services and its resellers' names are one statement each whatever the number of orders, and none when there is
 * nothing to read: the smoke's first customer had no orders (entitlements 1, identity 2) and the quick one's no
 * reseller (identity 2), where a customer with both counts 3 and 3 in every seed.
 */
function customerWithResoldOrders(plan: Plan): number {
  const orders = new Map<unknown, { count: number; resold: boolean }>();
  for (const row of drawOrders(plan).orderRows) {
    const seen = orders.get(row[ORDER_CUSTOMER]) ?? { count: 0, resold: false };
    orders.set(row[ORDER_CUSTOMER], { count: seen.count + 1, resold: seen.resold || row[ORDER_RESELLER] !== null });
  }
  const customer = benchPartner(plan, "medium").customers.find((index) => {
    const seen = orders.get(plan.customers[index].id);
    return seen && seen.count >= 2 && seen.resold;
  });
  if (customer === undefined) throw new Error("none of the benchmark partner's customers has two orders, one resold");
  return customer;
}

/**
 * PartnerDashboard (first 50) for partners with 5,000, 1,000 and 50 customers on every engine (the monolith
 * answers only it); CustomerDetail of one of the 1,000-customer partner's customers with resold orders, by that partner;
 * the vendor's PartnerScorecard of that partner.
 */
export function scenarios(plan: Plan): Scenario[] {
  const dashboard = contractOperation("dashboard.graphql", "PartnerDashboard");
  const sizes: BenchPartnerSize[] = ["large", "medium", "small"];
  const medium = benchPartner(plan, "medium");
  return [
    ...sizes.map((size) => {
      const partner = benchPartner(plan, size);
      return {
        operation: "PartnerDashboard" as const,
        size: partner.customers.length,
        email: partner.adminEmail,
        query: dashboard,
        variables: { first: 50 },
        engines: [...ENGINES],
      };
    }),
    {
      operation: "CustomerDetail",
      size: medium.customers.length,
      email: medium.adminEmail,
      query: contractOperation("dashboard.graphql", "CustomerDetail"),
      variables: { id: plan.customers[customerWithResoldOrders(plan)].id },
      engines: ["partnergraph", "hive"],
    },
    {
      operation: "PartnerScorecard",
      size: medium.customers.length,
      email: plan.vendorAdminEmail,
      query: contractOperation("scorecard.graphql", "PartnerScorecard"),
      variables: { partnerId: medium.id },
      engines: ["partnergraph", "hive"],
    },
  ];
}
