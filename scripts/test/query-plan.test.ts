import { Supergraph, operationFromDocument } from "@apollo/federation-internals";
import { PlanNode, QueryPlan, QueryPlanner, SubscriptionNode } from "@apollo/query-planner";
import { SCHEMA_DIR } from "@partnergraph/scripts";
import { parse } from "graphql";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const supergraph = Supergraph.build(readFileSync(join(SCHEMA_DIR, "supergraph.graphql"), "utf8"));
const planner = new QueryPlanner(supergraph);

function plan(file: string, operationName: string): QueryPlan {
  const document = parse(readFileSync(join(SCHEMA_DIR, "operations", file), "utf8"));
  return planner.buildQueryPlan(operationFromDocument(supergraph.schema, document, { operationName }));
}

/** The plan's shape: which subgraph each fetch goes to, in sequence and in parallel. */
type Shape = string | { sequence: Shape[] } | { parallel: Shape[] };
function shape(node: PlanNode | SubscriptionNode | undefined): Shape {
  if (!node) return "nothing";
  switch (node.kind) {
    case "Fetch":
      return node.serviceName;
    case "Flatten":
      return `${shape(node.node) as string} @ ${node.path.join(".")}`;
    case "Sequence":
      return { sequence: node.nodes.map(shape) };
    case "Parallel":
      return { parallel: node.nodes.map(shape).sort() };
    default:
      return node.kind;
  }
}

describe("query plans of the dashboards", () => {
  it("answers PartnerDashboard with one connections fetch, then one fetch per other subgraph in parallel", () => {
    // The plan is fixed by the operation, not by the page: 4 subgraph requests for first: 5 or first: 100,
    // each carrying every customer of the page as one _entities batch.
    expect(shape(plan("dashboard.graphql", "PartnerDashboard").node)).toEqual({
      sequence: [
        "connections",
        {
          parallel: [
            "entitlements @ customerDashboard.edges.@.node.customer",
            "identity @ customerDashboard.edges.@.node.customer",
            "support @ customerDashboard.edges.@.node.customer",
          ],
        },
      ],
    });
  });

  it("answers CustomerDetail from identity, then entitlements and support side by side", () => {
    const detail = shape(plan("dashboard.graphql", "CustomerDetail").node) as { sequence: Shape[] };
    expect(detail.sequence[0]).toBe("identity");
    expect(JSON.stringify(detail.sequence.slice(1))).toMatch(/entitlements/);
    expect(JSON.stringify(detail.sequence.slice(1))).toMatch(/support/);
  });
});
