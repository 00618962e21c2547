import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSchema, parse } from "graphql";
import { actualCost, compileCost, LocalBudget } from "../src/limits";

const schema = buildSchema(readFileSync(join(__dirname, "..", "..", "schema", "api.graphql"), "utf8"));
const costOf = (source: string, variables: Record<string, unknown> = {}, listSize = 10) =>
  [...compileCost(schema, parse(source), listSize).values()][0](variables);

describe("the cost model (README, Limits)", () => {
  it("prices the README's example: PartnerDashboard with its default page of 50", () => {
    const dashboard = readFileSync(join(__dirname, "..", "..", "schema", "operations", "dashboard.graphql"), "utf8");
    const document = parse(dashboard);
    const costs = compileCost(schema, document, 10);
    const partnerDashboard = [...costs].find(([operation]) => operation.name?.value === "PartnerDashboard")![1];
    // 1 + pageInfo 1 + 50 × (edge 1 + node 1 + customer 1 + trials 10 × 2 + entitlements 10 × 2 + tickets 11 + notifications 11)
    expect(partnerDashboard({})).toBe(2 + 50 * 65);
    expect(partnerDashboard({ first: 5 })).toBe(2 + 5 * 65);
  });

  it("counts scalars as nothing, objects as 1 and lists as their size times their items", () => {
    expect(costOf("{ me { id email } }")).toBe(1);
    expect(costOf("{ me { homeOrganization { badges { program } } } }")).toBe(1 + 1 + 10);
    expect(costOf("{ me { homeOrganization { badges { program } } } }", {}, 3)).toBe(1 + 1 + 3);
    expect(costOf("{ __schema { types { fields { name } } } }")).toBe(0);
  });

  it("takes a list's size from its first argument, a variable, the variable's default or the argument's default", () => {
    expect(costOf("{ customerDashboard(first: 7) { edges { cursor } } }")).toBe(1 + 7);
    expect(costOf("query($n: Int!) { customerDashboard(first: $n) { edges { cursor } } }", { n: 3 })).toBe(1 + 3);
    expect(costOf("query($n: Int = 4) { customerDashboard(first: $n) { edges { cursor } } }")).toBe(1 + 4);
    // customerDashboard's own default page is 20.
    expect(costOf("{ customerDashboard { edges { cursor } } }")).toBe(1 + 20);
  });

  it("evaluates a fragment once however often it is spread", () => {
    const fragments = Array.from(
      { length: 40 },
      (_, i) => `fragment F${i} on Organization { ...F${i + 1} ...G${i + 1} }
      fragment G${i + 1} on Organization { ...F${i + 1} }`,
    ).join("\n");
    const started = performance.now();
    const cost = costOf(
      `{ me { homeOrganization { ...F0 } } } ${fragments} fragment F40 on Organization { badges { program } }`,
    );
    expect(cost).toBe(2 + 2 ** 40 * 10);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

it("counts as resolved every object of the answer, a list as its items, introspection as nothing", () => {
  const data = { me: { homeOrganization: { badges: [{ program: "A" }, { program: "B" }], tags: ["x"] } }, none: null };
  expect(actualCost(data)).toBe(4);
  expect(actualCost({ __schema: { types: [{ name: "Query" }] } })).toBe(0);
  expect(actualCost(null)).toBe(0);
});

describe("the leaky bucket", () => {
  it("admits what fits, refuses what does not without charging it, and leaks at the budget per minute", async () => {
    let now = 0;
    const budget = new LocalBudget(600, () => now); // 10 a second
    expect(await budget.take("a", 500)).toMatchObject({ allowed: true, remaining: 100, resetSeconds: 50 });
    expect(await budget.take("a", 200)).toMatchObject({ allowed: false, remaining: 100, retryAfterSeconds: 10 });
    expect(await budget.take("b", 600)).toMatchObject({ allowed: true, remaining: 0 });
    now += 10_000;
    expect(await budget.take("a", 200)).toMatchObject({ allowed: true, remaining: 0, resetSeconds: 60 });
  });
});
