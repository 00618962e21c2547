import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Kind, parse, print } from "graphql";
import { benchPartner, BenchPartnerSize, orderCounts, Plan } from "../seed";

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
 * The 1,000-customer partner's first customer with at least two orders. Its order lines and their services are one
 * statement each whatever the number of orders, and none when there is no order: a customer without orders (as the
 * smoke's seed once gave) counted two statements fewer than the quick seed's, which has orders.
 */
function customerWithOrders(plan: Plan): number {
  const orders = orderCounts(plan);
  const customer = benchPartner(plan, "medium").customers.find((index) => orders[index] >= 2);
  if (customer === undefined) throw new Error("the seed gave none of the benchmark partner's customers two orders");
  return customer;
}

/**
 * PartnerDashboard (first 50) for partners with 5,000, 1,000 and 50 customers on every engine (the monolith
 * answers only it); CustomerDetail of one of the 1,000-customer partner's customers with orders, by that partner;
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
      variables: { id: plan.customers[customerWithOrders(plan)].id },
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
