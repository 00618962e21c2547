import { DEMO, newId } from "@partnergraph/kit";
import { devToken } from "@partnergraph/scripts";
import type { Stack } from "@partnergraph/scripts";
import { currentQuarter, quarterWindows, today } from "../subgraphs/entitlements/src/sales/quarters";
import { Client, Org, post, Seed, sqlNow, useStack, organizationEntities, organizationReps, signedAs } from "./testkit";

/** The entitlements subgraph's part of the Partner 360 scorecard: sales (orders the partner resold). */
const SALES = `query($id: ID!) { organization(id: $id) { id sales { currency todayBookings quarterToDateBookings quarters(last: 4) { quarter bookings previousYearBookings } } } }`;
const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id total } }`;

describe("quarter arithmetic (pure)", () => {
  it("rolls four quarters across a year boundary, oldest first, each with the same quarter a year before", () => {
    const windows = quarterWindows(new Date("2027-01-15T10:00:00Z"), 4);
    expect(windows.map((w) => w.quarter)).toEqual(["2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1"]);
    expect(windows.map((w) => [w.period.start.toISOString(), w.period.end.toISOString()])).toEqual([
      ["2026-04-01T00:00:00.000Z", "2026-07-01T00:00:00.000Z"],
      ["2026-07-01T00:00:00.000Z", "2026-10-01T00:00:00.000Z"],
      ["2026-10-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"],
      ["2027-01-01T00:00:00.000Z", "2027-04-01T00:00:00.000Z"],
    ]);
    expect(windows.map((w) => w.previousYear.start.toISOString().slice(0, 10))).toEqual([
      "2025-04-01",
      "2025-07-01",
      "2025-10-01",
      "2026-01-01",
    ]);
    expect(windows[3].previousYear.end.toISOString()).toBe("2026-04-01T00:00:00.000Z");
  });

  it("puts the last instant of a quarter in it and the next instant in the next; days and quarters are UTC", () => {
    expect(quarterWindows(new Date("2026-12-31T23:59:59.999Z"), 1)[0].quarter).toBe("2026-Q4");
    expect(quarterWindows(new Date("2027-01-01T00:00:00.000Z"), 1)[0].quarter).toBe("2027-Q1");
    expect(quarterWindows(new Date("2026-03-31T12:00:00Z"), 2).map((w) => w.quarter)).toEqual(["2025-Q4", "2026-Q1"]);
    expect(currentQuarter(new Date("2026-11-23T13:00:00Z"))).toEqual({
      start: new Date("2026-10-01T00:00:00Z"),
      end: new Date("2027-01-01T00:00:00Z"),
    });
    expect(today(new Date("2026-11-23T23:30:00Z"))).toEqual({
      start: new Date("2026-11-23T00:00:00Z"),
      end: new Date("2026-11-24T00:00:00Z"),
    });
  });
});

let stack: Stack;
let seed: Seed;
let client: Client;
// With the demo seeded (its organizations have fixed ids; every other test makes fresh ones).
useStack((started) => ({ stack, seed, client } = started), { seedDemo: true });

const db = () => stack.subgraphs.entitlements.dataSource;
const DAY = 86_400_000;
/** The first instant of the UTC quarter `back` quarters before the current one, plus `days`. */
function inQuarter(back: number, days = 10): Date {
  const now = new Date();
  const index = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3) - back;
  return new Date(Date.UTC(Math.floor(index / 4), (index % 4) * 3, 1) + days * DAY);
}
const label = (back: number) => {
  const d = inQuarter(back, 0);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
};

/** An order of `amount` for the customer, resold by `reseller` (or direct), placed at `at` (moved in the DB: tests make the past). */
async function booked(customer: Org, reseller: Org | null, amount: string, at?: Date): Promise<void> {
  const vendor = await seed.vendorAdmin();
  const input = {
    customerId: customer.id,
    currency: "USD",
    resellerId: reseller?.id ?? null,
    lines: [{ serviceCode: "VAD", quantity: 1, termMonths: 1, unitPrice: amount }],
  };
  const { placeOrder } = await client.ok(vendor, PLACE, { input });
  if (at) await db().query(`UPDATE customer_order SET placed_at = ? WHERE id = ?`, [sqlNow(at), placeOrder.id]);
}

const entities = organizationEntities;
const reps = organizationReps;

describe("Organization.sales", () => {
  it("sums the orders the partner resold today, this quarter, and in the last four quarters against the year before", async () => {
    const partner = await seed.partner();
    const other = await seed.partner();
    const customer = await seed.customer();
    await booked(customer, partner, "100.00"); // now: today and this quarter
    await booked(customer, partner, "0.50"); // now
    await booked(customer, partner, "20.00", inQuarter(0, 0)); // first instant of this quarter
    await booked(customer, partner, "300.00", inQuarter(1)); // last quarter
    await booked(customer, partner, "40.00", inQuarter(1, 20));
    await booked(customer, partner, "5000.00", inQuarter(3)); // oldest of the four
    await booked(customer, partner, "7.25", inQuarter(4)); // this quarter a year ago
    await booked(customer, partner, "60.00", inQuarter(5)); // last quarter a year ago
    await booked(customer, partner, "800.00", inQuarter(7)); // the oldest quarter a year ago
    await booked(customer, partner, "9999.00", inQuarter(8)); // before every window
    await booked(customer, other, "111.00"); // another partner's resale
    await booked(customer, null, "222.00"); // a direct sale
    const startOfQuarterIsToday = inQuarter(0, 0).getTime() === today(new Date()).start.getTime();

    const { organization } = await client.ok(partner.admin, SALES, { id: partner.id });
    expect(organization.sales).toEqual({
      currency: "USD",
      todayBookings: startOfQuarterIsToday ? "120.50" : "100.50",
      quarterToDateBookings: "120.50",
      quarters: [
        { quarter: label(3), bookings: "5000.00", previousYearBookings: "800.00" },
        { quarter: label(2), bookings: "0.00", previousYearBookings: "0.00" },
        { quarter: label(1), bookings: "340.00", previousYearBookings: "60.00" },
        { quarter: label(0), bookings: "120.50", previousYearBookings: "7.25" },
      ],
    });
    // The vendor sees the same figures; another partner and the customer are refused.
    expect((await client.ok(await seed.vendorAdmin(), SALES, { id: partner.id })).organization.sales).toEqual(
      organization.sales,
    );
    expect((await client.error(other.admin, SALES, { id: partner.id })).code).toBe("FORBIDDEN");
    expect((await client.error(customer.admin, SALES, { id: partner.id })).code).toBe("FORBIDDEN");
    const eight = await client.ok(
      partner.admin,
      `query($id: ID!) { organization(id: $id) { sales { quarters(last: 8) { quarter bookings previousYearBookings } } } }`,
      { id: partner.id },
    );
    expect(
      eight.organization.sales.quarters.map((q: any) => `${q.quarter}:${q.bookings}:${q.previousYearBookings}`),
    ).toEqual([
      `${label(7)}:800.00:0.00`,
      `${label(6)}:0.00:0.00`,
      `${label(5)}:60.00:0.00`,
      `${label(4)}:7.25:9999.00`,
      `${label(3)}:5000.00:800.00`,
      `${label(2)}:0.00:0.00`,
      `${label(1)}:340.00:60.00`,
      `${label(0)}:120.50:7.25`,
    ]);
    expect(
      (
        await client.error(
          partner.admin,
          `query($id: ID!) { organization(id: $id) { sales { quarters(last: 0) { quarter } } } }`,
          { id: partner.id },
        )
      ).field,
    ).toBe("last");
  });

  it("answers zeros, never nulls, for a partner with no sales at all", async () => {
    const partner = await seed.partner();
    const { organization } = await client.ok(partner.admin, SALES, { id: partner.id });
    expect(organization.sales).toEqual({
      currency: "USD",
      todayBookings: "0.00",
      quarterToDateBookings: "0.00",
      quarters: [3, 2, 1, 0].map((back) => ({ quarter: label(back), bookings: "0.00", previousYearBookings: "0.00" })),
    });
  });

  it("refuses _entities straight to the subgraph for another tenant, and without a context", async () => {
    const partner = await seed.partner();
    const url = stack.subgraphs.entitlements.url;
    const query = entities("sales { todayBookings }");
    const asOther = await post(
      url,
      query,
      reps([partner.id]),
      {},
      signedAs({ organizationId: newId("ORG"), isPartner: true }),
    );
    expect(asOther.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(asOther.data?._entities?.[0]?.sales ?? null).toBeNull();
    expect((await post(url, query, reps([partner.id]))).status).toBe(401);
    const asItself = await post(
      url,
      query,
      reps([partner.id]),
      {},
      signedAs({ organizationId: partner.id, isPartner: true }),
    );
    expect(asItself.data._entities[0].sales).toEqual({ todayBookings: "0.00" });
  });

  it("reads many partners' sales in the same number of statements for 5 as for 100", async () => {
    const ids = Array.from({ length: 100 }, () => newId("ORG"));
    const vendor = signedAs({ organizationId: newId("ORG"), isVendorAdmin: true });
    const query = entities(
      "sales { todayBookings quarterToDateBookings quarters(last: 4) { quarter bookings previousYearBookings } }",
    );
    const measure = async (count: number) => {
      const measured = await stack.subgraphs.entitlements.queries.measure(() =>
        post(stack.subgraphs.entitlements.url, query, reps(ids.slice(0, count)), {}, vendor),
      );
      expect(measured.result.errors).toBeUndefined();
      expect(measured.result.data._entities).toHaveLength(count);
      return measured.statements.filter((sql) => !/outbox_event/.test(sql)).length;
    };
    const [five, hundred] = [await measure(5), await measure(100)];
    expect(five).toBe(2);
    expect(hundred).toBe(2);
  });
});

const REGISTER = `mutation($input: RegisterOpportunityInput!) { registerOpportunity(input: $input) { id partnerId customerId prospectName title stage amount expectedCloseAt closedAt } }`;
const MOVE = `mutation($id: ID!, $stage: OpportunityStage!) { moveOpportunity(id: $id, stage: $stage) { id stage closedAt } }`;
const PIPELINE = `query($id: ID!) { organization(id: $id) { pipeline { totalAmount byStage { stage count amount } } } }`;
const DRILL = `query($id: ID!, $stage: OpportunityStage, $first: Int, $after: String) {
  organization(id: $id) { pipeline { opportunities(stage: $stage, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { title stage amount } } } } }
}`;
const titles = (page: any) => page.edges.map((e: any) => `${e.node.title}:${e.node.stage}:${e.node.amount}`);
const CLOSE = "2027-03-31T00:00:00.000Z";

describe("deal registrations and Organization.pipeline", () => {
  const register = async (
    partner: Org,
    title: string,
    amount: string,
    extra: Record<string, unknown> = { prospectName: "Prospect Ltd" },
  ) =>
    (await client.ok(partner.admin, REGISTER, { input: { title, amount, expectedCloseAt: CLOSE, ...extra } }))
      .registerOpportunity;
  const move = (partner: Org, id: string, stage: string) => client.ok(partner.admin, MOVE, { id, stage });

  it("counts and sums deals in all five stages in fixed order, totals the open ones, and drills down by stage", async () => {
    const partner = await seed.partner();
    const customer = await seed.customer();
    await seed.connect(partner, customer);
    const lead = await register(partner, "Lead A", "100.00", { customerId: customer.id });
    expect(lead).toEqual({
      id: lead.id,
      partnerId: partner.id,
      customerId: customer.id,
      prospectName: null,
      title: "Lead A",
      stage: "LEAD",
      amount: "100.00",
      expectedCloseAt: CLOSE,
      closedAt: null,
    });
    await register(partner, "Lead B", "0.25");
    const qualified = await register(partner, "Qualified", "2000.00");
    await move(partner, qualified.id, "QUALIFIED");
    const proposal = await register(partner, "Proposal", "30000.00");
    await move(partner, proposal.id, "PROPOSAL");
    const won = await register(partner, "Won", "400.00");
    const wonMove = (await move(partner, won.id, "WON")).moveOpportunity;
    expect(wonMove.stage).toBe("WON");
    expect(Math.abs(new Date(wonMove.closedAt).getTime() - Date.now())).toBeLessThan(60_000);
    const lost = await register(partner, "Lost", "5.00");
    await move(partner, lost.id, "LOST");
    await register(await seed.partner(), "Someone else's", "999.00");

    const { organization } = await client.ok(partner.admin, PIPELINE, { id: partner.id });
    expect(organization.pipeline).toEqual({
      totalAmount: "32100.25",
      byStage: [
        { stage: "LEAD", count: 2, amount: "100.25" },
        { stage: "QUALIFIED", count: 1, amount: "2000.00" },
        { stage: "PROPOSAL", count: 1, amount: "30000.00" },
        { stage: "WON", count: 1, amount: "400.00" },
        { stage: "LOST", count: 1, amount: "5.00" },
      ],
    });
    const vendor = await seed.vendorAdmin();
    expect((await client.ok(vendor, PIPELINE, { id: partner.id })).organization.pipeline).toEqual(
      organization.pipeline,
    );
    const leads = (await client.ok(vendor, DRILL, { id: partner.id, stage: "LEAD" })).organization.pipeline
      .opportunities;
    expect(titles(leads).sort()).toEqual(["Lead A:LEAD:100.00", "Lead B:LEAD:0.25"]);
    expect(leads.totalCount).toBe(2);
    const all = (await client.ok(partner.admin, DRILL, { id: partner.id })).organization.pipeline.opportunities;
    expect(all.totalCount).toBe(6);
    expect(all.edges).toHaveLength(6);
    expect((await client.error((await seed.partner()).admin, PIPELINE, { id: partner.id })).code).toBe("FORBIDDEN");
    expect((await client.error(customer.admin, PIPELINE, { id: partner.id })).code).toBe("FORBIDDEN");
  });

  it("answers all five stages with zeros for a partner with no deals", async () => {
    const partner = await seed.partner();
    const { organization } = await client.ok(partner.admin, PIPELINE, { id: partner.id });
    expect(organization.pipeline).toEqual({
      totalAmount: "0.00",
      byStage: ["LEAD", "QUALIFIED", "PROPOSAL", "WON", "LOST"].map((stage) => ({ stage, count: 0, amount: "0.00" })),
    });
  });

  it("validates a registration naming the field, and lets only badged partners register", async () => {
    const partner = await seed.partner();
    const customer = await seed.customer();
    const bad = (input: Record<string, unknown>) =>
      client.error(partner.admin, REGISTER, {
        input: { title: "T", amount: "1.00", expectedCloseAt: CLOSE, ...input },
      });
    expect(await bad({})).toMatchObject({ code: "BAD_USER_INPUT", field: "customerId" }); // neither
    expect(await bad({ customerId: customer.id, prospectName: "P" })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "customerId",
    }); // both
    expect(await bad({ customerId: "nope" })).toMatchObject({ code: "BAD_USER_INPUT", field: "customerId" });
    expect(await bad({ prospectName: "P", title: "" })).toMatchObject({ code: "BAD_USER_INPUT", field: "title" });
    expect(await bad({ prospectName: "P", amount: "1.001" })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "amount",
    });
    expect(await bad({ prospectName: "P", amount: "-1" })).toMatchObject({ code: "BAD_USER_INPUT", field: "amount" });
    const input = { prospectName: "P", title: "T", amount: "1.00", expectedCloseAt: CLOSE };
    expect((await client.error(customer.admin, REGISTER, { input })).code).toBe("FORBIDDEN");
    expect((await client.error(await seed.vendorAdmin(), REGISTER, { input })).code).toBe("FORBIDDEN");
  });

  it("lets only the partner move its deal, and never a closed one", async () => {
    const partner = await seed.partner();
    const other = await seed.partner();
    const deal = await register(partner, "Deal", "10.00");
    expect((await client.error(other.admin, MOVE, { id: deal.id, stage: "WON" })).code).toBe("FORBIDDEN");
    expect((await client.error(partner.admin, MOVE, { id: "OPP-0000000000", stage: "WON" })).code).toBe("NOT_FOUND");
    expect((await move(partner, deal.id, "PROPOSAL")).moveOpportunity).toEqual({
      id: deal.id,
      stage: "PROPOSAL",
      closedAt: null,
    });
    expect((await move(partner, deal.id, "LOST")).moveOpportunity.stage).toBe("LOST");
    expect((await client.error(partner.admin, MOVE, { id: deal.id, stage: "LEAD" })).code).toBe("CONFLICT");
    expect((await client.error(partner.admin, MOVE, { id: deal.id, stage: "WON" })).code).toBe("CONFLICT");
  });

  it("pages the drill-down by expected close, and counts the whole stage on every page", async () => {
    const partner = await seed.partner();
    for (const [title, days] of [
      ["Third", 30],
      ["First", 10],
      ["Fourth", 40],
      ["Second", 20],
      ["Fifth", 50],
    ] as const) {
      await register(partner, title, "1.00", {
        prospectName: "P",
        expectedCloseAt: new Date(Date.parse(CLOSE) + days * DAY).toISOString(),
      });
    }
    const page = async (after: string | null) =>
      (await client.ok(partner.admin, DRILL, { id: partner.id, stage: "LEAD", first: 2, after })).organization.pipeline
        .opportunities;
    const pages = [await page(null)];
    while (pages[pages.length - 1].pageInfo.hasNextPage)
      pages.push(await page(pages[pages.length - 1].pageInfo.endCursor));
    expect(pages.map(titles)).toEqual([
      ["First:LEAD:1.00", "Second:LEAD:1.00"],
      ["Third:LEAD:1.00", "Fourth:LEAD:1.00"],
      ["Fifth:LEAD:1.00"],
    ]);
    expect(pages.map((p) => p.totalCount)).toEqual([5, 5, 5]);
    expect((await client.error(partner.admin, DRILL, { id: partner.id, first: 101 })).code).toBe("BAD_USER_INPUT");
    expect((await client.error(partner.admin, DRILL, { id: partner.id, after: "not-a-cursor" })).field).toBe("after");
  });

  it("names a customer only when the partner is connected with it, and writes nothing otherwise", async () => {
    const partner = await seed.partner();
    const stranger = await seed.customer();
    expect(
      (
        await client.error(partner.admin, REGISTER, {
          input: { customerId: stranger.id, title: "Poach", amount: "5.00", expectedCloseAt: CLOSE },
        })
      ).code,
    ).toBe("FORBIDDEN");
    const rows = await db().query(`SELECT COUNT(*) AS n FROM opportunity WHERE partner_id = ?`, [partner.id]);
    expect(Number(rows[0].n)).toBe(0);
  });

  it("reads many partners' pipelines in the same number of statements for 5 as for 100", async () => {
    const ids = Array.from({ length: 100 }, () => newId("ORG"));
    const vendor = signedAs({ organizationId: newId("ORG"), isVendorAdmin: true });
    for (const partnerId of ids) {
      await db().query(
        `INSERT INTO opportunity (id, partner_id, prospect_name, title, stage, amount_cents, expected_close_at, created_at, closed_at) VALUES (?, ?, 'P', 'T', 'WON', 100, ?, ?, ?)`,
        [newId("OPP"), partnerId, sqlNow(), sqlNow(), sqlNow()],
      );
    }
    const query = entities(
      "pipeline { totalAmount byStage { stage count amount } opportunities(stage: WON, first: 5) { totalCount edges { node { id } } } }",
    );
    const measure = async (count: number) => {
      const measured = await stack.subgraphs.entitlements.queries.measure(() =>
        post(stack.subgraphs.entitlements.url, query, reps(ids.slice(0, count)), {}, vendor),
      );
      expect(measured.result.errors).toBeUndefined();
      expect(measured.result.data._entities).toHaveLength(count);
      expect(measured.result.data._entities[count - 1].pipeline.opportunities.totalCount).toBe(1);
      return measured.statements.filter((sql) => !/outbox_event/.test(sql)).length;
    };
    const [five, hundred] = [await measure(5), await measure(100)];
    expect(five).toBe(2); // the stages; the drill-down's one windowed statement (first rows and totals)
    expect(hundred).toBe(2);
    const asOther = await post(
      stack.subgraphs.entitlements.url,
      entities("pipeline { totalAmount }"),
      reps([ids[0]]),
      {},
      signedAs({ organizationId: ids[1], isPartner: true }),
    );
    expect(asOther.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("the demo", () => {
  it("shows Northwind's four quarters of bookings and a pipeline in every stage, to Alice and to the vendor", async () => {
    const alice = { token: await devToken(DEMO.users.alice.email) };
    const ops = { token: await devToken(DEMO.users.ops.email) };
    const SCORE = `query($id: ID!) { organization(id: $id) { sales { todayBookings quarters(last: 4) { quarter bookings } } pipeline { totalAmount byStage { stage count amount } } } }`;
    const { organization } = await client.ok(alice, SCORE, { id: DEMO.organizations.northwind });
    expect(organization.sales.quarters.map((q: any) => q.quarter)).toEqual([3, 2, 1, 0].map(label));
    for (const q of organization.sales.quarters) expect(Number(q.bookings)).toBeGreaterThan(0);
    expect(Number(organization.sales.todayBookings)).toBeGreaterThan(0);
    expect(organization.pipeline).toEqual({
      totalAmount: "51500.00",
      byStage: [
        { stage: "LEAD", count: 2, amount: "6500.00" },
        { stage: "QUALIFIED", count: 1, amount: "20000.00" },
        { stage: "PROPOSAL", count: 1, amount: "25000.00" },
        { stage: "WON", count: 1, amount: "18000.00" },
        { stage: "LOST", count: 1, amount: "9000.00" },
      ],
    });
    expect((await client.ok(ops, PIPELINE, { id: DEMO.organizations.northwind })).organization.pipeline).toEqual(
      organization.pipeline,
    );
    const goals = (await client.ok(alice, GOALS, { id: DEMO.organizations.northwind })).organization.jointGoals;
    expect(
      goals.map(({ recordedAt: _recordedAt, ...g }: any) => ({
        ...g,
        reward: g.reward && { kind: g.reward.kind, amount: g.reward.amount },
      })),
    ).toEqual([
      {
        id: "GOL-DEMONW0001",
        metric: "WON_DEALS",
        target: 1,
        progress: 1,
        achieved: true,
        reward: { kind: "POINTS", amount: 500 },
      },
      {
        id: "GOL-DEMONW0002",
        metric: "PIPELINE",
        target: 100000,
        progress: expect.any(Number),
        achieved: false,
        reward: null,
      },
    ]);
    const contosoAdmin = { token: await devToken("bob@contoso.example") };
    expect((await client.error(contosoAdmin, PIPELINE, { id: DEMO.organizations.northwind })).code).toBe("FORBIDDEN");
  });
});

const CREATE_GOAL = `mutation($input: CreateJointGoalInput!) { createJointGoal(input: $input) { id partnerId metric status decidedAt target progress achieved reward { kind amount } } }`;
const GOALS = `query($id: ID!) { organization(id: $id) { jointGoals { id metric target progress achieved reward { kind amount recordedAt } } } }`;
const DECIDE = (verb: "agree" | "decline") =>
  `mutation($id: ID!) { ${verb}JointGoal(id: $id) { id status decidedAt progress achieved reward { kind amount } } }`;

describe("joint goals", () => {
  const period = {
    periodStart: new Date(Date.now() - 10 * DAY).toISOString(),
    periodEnd: new Date(Date.now() + 10 * DAY).toISOString(),
  };
  const propose = async (partner: Org, metric: string, target: number, reward: { kind: string; amount: number }) =>
    (
      await client.ok(await seed.vendorAdmin(), CREATE_GOAL, {
        input: { partnerId: partner.id, metric, target, ...period, reward },
      })
    ).createJointGoal;
  /** Proposed by the vendor and agreed by the partner. */
  const goal = async (partner: Org, metric: string, target: number, reward: { kind: string; amount: number }) => {
    const proposed = await propose(partner, metric, target, reward);
    await client.ok(partner.admin, DECIDE("agree"), { id: proposed.id });
    return proposed;
  };
  const rowsOf = async (partnerId: string) =>
    Number((await db().query(`SELECT COUNT(*) AS n FROM joint_goal WHERE partner_id = ?`, [partnerId]))[0].n);
  const rewardRows = async (goalId: string) =>
    Number((await db().query(`SELECT COUNT(*) AS n FROM goal_reward WHERE goal_id = ?`, [goalId]))[0].n);

  it("computes progress live from resold orders in the period and records the reward exactly once when met", async () => {
    const partner = await seed.partner();
    const customer = await seed.customer();
    // Backdated before the goal exists: a resold order evaluates the reseller's goals as it is placed.
    await booked(customer, partner, "250.00", new Date(Date.now() - 11 * DAY)); // before the period
    const bookings = await goal(partner, "BOOKINGS", 500, { kind: "REBATE", amount: 50.5 });
    expect(bookings).toMatchObject({
      partnerId: partner.id,
      metric: "BOOKINGS",
      target: 500,
      progress: 0,
      achieved: false,
      reward: null,
    });
    await booked(customer, partner, "300.00");
    await booked(customer, null, "999.00"); // direct
    let [read] = (await client.ok(partner.admin, GOALS, { id: partner.id })).organization.jointGoals;
    expect(read).toMatchObject({ id: bookings.id, progress: 300, achieved: false, reward: null });
    await booked(customer, partner, "200.00");
    const [first, second] = await Promise.all([
      client.ok(partner.admin, GOALS, { id: partner.id }),
      client.ok(await seed.vendorAdmin(), GOALS, { id: partner.id }),
    ]);
    read = first.organization.jointGoals[0];
    expect(read).toMatchObject({ progress: 500, achieved: true, reward: { kind: "REBATE", amount: 50.5 } });
    expect(second.organization.jointGoals[0].reward).toEqual(read.reward);
    await booked(customer, partner, "1.00");
    const again = (await client.ok(partner.admin, GOALS, { id: partner.id })).organization.jointGoals[0];
    expect(again).toMatchObject({ progress: 501, achieved: true, reward: read.reward });
    expect(await rewardRows(bookings.id)).toBe(1);
    expect((await client.error((await seed.partner()).admin, GOALS, { id: partner.id })).code).toBe("FORBIDDEN");
  });

  it("records a WON_DEALS reward right when the deal is won, and counts PIPELINE of deals registered in the period and not lost", async () => {
    const partner = await seed.partner();
    const won = await goal(partner, "WON_DEALS", 2, { kind: "POINTS", amount: 100 });
    const pipeline = await goal(partner, "PIPELINE", 1000, { kind: "REBATE", amount: 10 });
    const ids: string[] = [];
    for (const [title, amount] of [
      ["A", "400.00"],
      ["B", "300.00"],
      ["C", "5000.00"],
    ]) {
      ids.push(
        (
          await client.ok(partner.admin, REGISTER, {
            input: { title, amount, expectedCloseAt: CLOSE, prospectName: "P" },
          })
        ).registerOpportunity.id,
      );
    }
    await client.ok(partner.admin, MOVE, { id: ids[2], stage: "LOST" });
    await client.ok(partner.admin, MOVE, { id: ids[0], stage: "WON" });
    expect(await rewardRows(won.id)).toBe(0);
    await client.ok(partner.admin, MOVE, { id: ids[1], stage: "WON" });
    expect(await rewardRows(won.id)).toBe(1); // recorded by the move, before any read
    const goals = (await client.ok(partner.admin, GOALS, { id: partner.id })).organization.jointGoals;
    const byId = Object.fromEntries(goals.map((g: any) => [g.id, g]));
    expect(byId[won.id]).toMatchObject({
      metric: "WON_DEALS",
      target: 2,
      progress: 2,
      achieved: true,
      reward: { kind: "POINTS", amount: 100 },
    });
    expect(byId[pipeline.id]).toMatchObject({
      metric: "PIPELINE",
      target: 1000,
      progress: 700,
      achieved: false,
      reward: null,
    });
    expect(await rewardRows(pipeline.id)).toBe(0);
  });

  it("earns a reward only once the partner agrees, and never for a declined goal", async () => {
    const partner = await seed.partner();
    const customer = await seed.customer();
    const proposed = await propose(partner, "BOOKINGS", 100, { kind: "POINTS", amount: 7 });
    const declined = await propose(partner, "BOOKINGS", 100, { kind: "POINTS", amount: 9 });
    expect(proposed).toMatchObject({ status: "PROPOSED", decidedAt: null });
    await booked(customer, partner, "150.00");
    let goals = (await client.ok(partner.admin, GOALS, { id: partner.id })).organization.jointGoals;
    expect(goals.map((g: any) => [g.progress, g.achieved, g.reward])).toEqual([
      [150, true, null],
      [150, true, null],
    ]);
    expect(await rewardRows(proposed.id)).toBe(0);

    const vendor = await seed.vendorAdmin();
    const member = await seed.member(partner);
    const other = await seed.partner();
    expect((await client.error(vendor, DECIDE("agree"), { id: proposed.id })).code).toBe("FORBIDDEN");
    expect((await client.error(member, DECIDE("agree"), { id: proposed.id })).code).toBe("FORBIDDEN");
    expect((await client.error(other.admin, DECIDE("agree"), { id: proposed.id })).code).toBe("NOT_FOUND");
    expect((await client.error(partner.admin, DECIDE("agree"), { id: "GOL-0000000000" })).code).toBe("NOT_FOUND");

    const agreed = (await client.ok(partner.admin, DECIDE("agree"), { id: proposed.id })).agreeJointGoal;
    expect(agreed).toMatchObject({
      id: proposed.id,
      status: "AGREED",
      progress: 150,
      achieved: true,
      reward: { kind: "POINTS", amount: 7 },
    }); // met already: rewarded at once
    expect(Math.abs(Date.parse(agreed.decidedAt) - Date.now())).toBeLessThan(60_000);
    expect((await client.ok(partner.admin, DECIDE("decline"), { id: declined.id })).declineJointGoal).toMatchObject({
      status: "DECLINED",
      reward: null,
    });
    expect((await client.error(partner.admin, DECIDE("decline"), { id: proposed.id })).code).toBe("CONFLICT");
    expect((await client.error(partner.admin, DECIDE("agree"), { id: declined.id })).code).toBe("CONFLICT");

    await booked(customer, partner, "10.00");
    goals = (await client.ok(vendor, GOALS, { id: partner.id })).organization.jointGoals;
    expect(goals.find((g: any) => g.id === declined.id)).toMatchObject({ progress: 160, reward: null });
    expect([await rewardRows(proposed.id), await rewardRows(declined.id)]).toEqual([1, 0]);
    // The vendor hears of both decisions, and of the agreed goal's milestones (met at once): the declined one has none.
    await stack.subgraphs.entitlements.relay?.drain();
    const notices = (
      await client.ok(vendor, `{ myNotifications(first: 100) { edges { node { title relatedOrganization { id } } } } }`)
    ).myNotifications.edges
      .map((e: any) => e.node)
      .filter((n: any) => n.relatedOrganization?.id === partner.id)
      .map((n: any) => n.title);
    expect(notices.sort()).toEqual([
      "A joint goal is half way",
      "A joint goal was met",
      "A partner agreed to a joint goal",
      "A partner declined a joint goal",
    ]);
  });

  it("lets only the vendor create goals, and validates them naming the field", async () => {
    const partner = await seed.partner();
    const vendor = await seed.vendorAdmin();
    const input = {
      partnerId: partner.id,
      metric: "BOOKINGS",
      target: 100,
      ...period,
      reward: { kind: "REBATE", amount: 1 },
    };
    expect((await client.error(partner.admin, CREATE_GOAL, { input })).code).toBe("FORBIDDEN");
    const bad = (patch: Record<string, unknown>) =>
      client.error(vendor, CREATE_GOAL, { input: { ...input, ...patch } });
    expect(await bad({ target: 1.001 })).toMatchObject({ code: "BAD_USER_INPUT", field: "target" });
    expect(await bad({ target: 0 })).toMatchObject({ code: "BAD_USER_INPUT", field: "target" });
    expect(await bad({ metric: "WON_DEALS", target: 1.5 })).toMatchObject({ code: "BAD_USER_INPUT", field: "target" });
    expect(await bad({ periodEnd: period.periodStart })).toMatchObject({ code: "BAD_USER_INPUT", field: "periodEnd" });
    expect(await bad({ partnerId: "x" })).toMatchObject({ code: "BAD_USER_INPUT", field: "partnerId" });
    expect(await bad({ partnerId: (await seed.customer()).id })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "partnerId",
    }); // no badge
    expect(await rowsOf(partner.id)).toBe(0);
    expect(await bad({ reward: { kind: "POINTS", amount: 2.5 } })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "reward.amount",
    });
  });
});

describe("joint goals batching", () => {
  it("reads many partners' goals in the same number of statements for 5 as for 100", async () => {
    const ids = Array.from({ length: 100 }, () => newId("ORG"));
    const start = new Date(Date.now() - DAY),
      end = new Date(Date.now() + DAY);
    const rows = ids.flatMap((partnerId, i) => [
      [newId("GOL"), partnerId, "BOOKINGS", 100 + i],
      [newId("GOL"), partnerId, "PIPELINE", 100 + i],
      [newId("GOL"), partnerId, "WON_DEALS", 1 + i],
    ]);
    for (const [id, partnerId, metric, target] of rows) {
      await db().query(
        `INSERT INTO joint_goal (id, partner_id, metric, target_value, period_start, period_end, reward_kind, reward_amount, created_by_user_id, created_at, status) VALUES (?, ?, ?, ?, ?, ?, 'POINTS', 1, 'USR-X', ?, 'AGREED')`,
        [id, partnerId, metric, target, sqlNow(start), sqlNow(end), sqlNow()],
      );
    }
    const vendor = signedAs({ organizationId: newId("ORG"), isVendorAdmin: true });
    const query = entities("jointGoals { id metric target progress achieved reward { kind amount } }");
    const measure = async (count: number) => {
      const measured = await stack.subgraphs.entitlements.queries.measure(() =>
        post(stack.subgraphs.entitlements.url, query, reps(ids.slice(0, count)), {}, vendor),
      );
      expect(measured.result.errors).toBeUndefined();
      expect(measured.result.data._entities[count - 1].jointGoals).toHaveLength(3);
      return measured.statements.filter((sql) => !/outbox_event/.test(sql)).length;
    };
    const [five, hundred] = [await measure(5), await measure(100)];
    expect(five).toBe(6); // goals, progress for each of the three metrics, rewards, milestones
    expect(hundred).toBe(five);
  });
});
