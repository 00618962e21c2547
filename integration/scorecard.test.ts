import type { Stack } from "@partnergraph/scripts";

import { Org, Seed, useStack } from "./testkit";
import * as ops from "@partnergraph/operations";

const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { total } }`;
const REGISTER = `mutation($input: RegisterOpportunityInput!) { registerOpportunity(input: $input) { id } }`;
const MOVE = `mutation($id: ID!, $stage: OpportunityStage!) { moveOpportunity(id: $id, stage: $stage) { stage } }`;
const GOAL = `mutation($input: CreateJointGoalInput!) { createJointGoal(input: $input) { id } }`;
const AGREE = `mutation($id: ID!) { agreeJointGoal(id: $id) { status } }`;
const CERTIFY = `mutation($input: RecordCertificationInput!) { recordCertification(input: $input) { id } }`;
const OPEN_TICKET = `mutation($input: OpenTicketInput!) { openTicket(input: $input) { id } }`;
const GOAL_NOTICES = `{ myNotifications(first: 100) { edges { node { category title relatedOrganization { id } } } } }`;

let stack: Stack;
let seed: Seed;
useStack((started) => ({ stack, seed } = started));

function currentQuarter(now = new Date()) {
  const start = new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3, 1));
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3, 1));
  return { start, end, label: `${start.getUTCFullYear()}-Q${start.getUTCMonth() / 3 + 1}` };
}

async function drainEvents() {
  for (const name of ["connections", "entitlements"] as const) await stack.subgraphs[name].relay?.drain();
}

describe("Partner 360", () => {
  let partner: Org;
  let customers: Org[];

  beforeAll(async () => {
    const vendor = await seed.vendorAdmin();
    partner = await seed.partner();
    customers = [await seed.customer(), await seed.customer()];
    for (const customer of customers) await seed.connect(partner, customer);
    const stranger = await seed.customer(); // not connected: its tickets never count
    await seed.client.ok(stranger.admin, OPEN_TICKET, { input: { title: "Elsewhere", description: "x", severity: 3 } });
    await seed.client.ok(customers[0].admin, OPEN_TICKET, { input: { title: "Down", description: "x", severity: 1 } });
    await seed.client.ok(customers[1].admin, OPEN_TICKET, { input: { title: "Slow", description: "x", severity: 3 } });

    const { me } = await seed.client.ok(partner.admin, `{ me { id } }`);
    await seed.client.ok(vendor, CERTIFY, {
      input: {
        userId: me.id,
        product: "SD-WAN Orchestrator",
        level: "Professional",
        achievedAt: "2026-01-01T00:00:00Z",
      },
    });

    const close = new Date(Date.now() + 30 * 86_400_000).toISOString();
    await seed.client.ok(partner.admin, REGISTER, {
      input: { customerId: customers[0].id, title: "Branch rollout", amount: "1000.00", expectedCloseAt: close },
    });
    const proposal = (
      await seed.client.ok(partner.admin, REGISTER, {
        input: { prospectName: "Globex", title: "Desktops", amount: "2500.00", expectedCloseAt: close },
      })
    ).registerOpportunity;
    await seed.client.ok(partner.admin, MOVE, { id: proposal.id, stage: "PROPOSAL" });

    const quarter = currentQuarter();
    const goals = [
      { metric: "BOOKINGS", target: 1000, reward: { kind: "REBATE", amount: 50 } },
      { metric: "WON_DEALS", target: 3, reward: { kind: "POINTS", amount: 500 } },
    ];
    for (const goal of goals) {
      const { createJointGoal } = await seed.client.ok(vendor, GOAL, {
        input: { partnerId: partner.id, periodStart: quarter.start, periodEnd: quarter.end, ...goal },
      });
      await seed.client.ok(partner.admin, AGREE, { id: createJointGoal.id });
    }
  });

  it("shows the partner its own scorecard from all four subgraphs, with exact figures", async () => {
    const vendor = await seed.vendorAdmin();
    await seed.client.ok(vendor, PLACE, {
      input: {
        customerId: customers[0].id,
        resellerId: partner.id,
        lines: [{ serviceCode: "SDWAN", quantity: 10, termMonths: 12, unitPrice: "5.00" }],
      },
    });
    await drainEvents();

    const { organization } = await seed.client.ok(partner.admin, ops.PartnerScorecardDocument, {
      partnerId: partner.id,
    });
    const quarter = currentQuarter();
    expect(organization).toMatchObject({
      id: partner.id,
      badges: [{ program: "SOLUTION_ADVISOR", tier: "GOLD" }],
      certifiedPeopleCount: 1,
      connectedCustomerCount: 2,
      sales: { currency: "USD", todayBookings: "600.00", quarterToDateBookings: "600.00" },
      pipeline: {
        totalAmount: "3500.00",
        byStage: [
          { stage: "LEAD", count: 1, amount: "1000.00" },
          { stage: "QUALIFIED", count: 0, amount: "0.00" },
          { stage: "PROPOSAL", count: 1, amount: "2500.00" },
          { stage: "WON", count: 0, amount: "0.00" },
          { stage: "LOST", count: 0, amount: "0.00" },
        ],
      },
      openCustomerTicketCount: 2,
    });
    expect(organization.sales!.quarters).toHaveLength(4);
    expect(organization.sales!.quarters[3]).toEqual({
      quarter: quarter.label,
      bookings: "600.00",
      previousYearBookings: "0.00",
    });
    expect(
      organization.sales!.quarters.slice(0, 3).every((q) => q.bookings === "0.00" && q.previousYearBookings === "0.00"),
    ).toBe(true);
    const goals = [...organization.jointGoals!].sort((a, b) => a.metric.localeCompare(b.metric));
    expect(goals.map((g) => [g.metric, g.target, g.progress, g.achieved, g.reward])).toEqual([
      // A reward shows once it is recorded, when the goal is met.
      ["BOOKINGS", 1000, 600, false, null],
      ["WON_DEALS", 3, 0, false, null],
    ]);
  });

  it("tells both sides once at 50% and at 100%, and records the reward once", async () => {
    const vendor = await seed.vendorAdmin();
    // The partner's notices name the vendor, the vendor's name the partner.
    const goalNotices = async (actor: { token: string }, about?: string, title = /half way|was met/) =>
      (await seed.client.ok(actor, GOAL_NOTICES)).myNotifications.edges.filter(
        (e: any) =>
          e.node.category === "GOAL" &&
          title.test(e.node.title) &&
          (!about || e.node.relatedOrganization?.id === about),
      ).length;
    // Proposing told the partner, agreeing told the vendor: once per goal each.
    expect(await goalNotices(partner.admin, undefined, /was proposed/)).toBe(2);
    expect(await goalNotices(vendor, partner.id, /agreed to/)).toBe(2);
    // 600 of 1000 already: the 50% milestone was announced when the partner agreed to the goal.
    expect(await goalNotices(partner.admin)).toBe(1);

    await seed.client.ok(vendor, PLACE, {
      input: {
        customerId: customers[1].id,
        resellerId: partner.id,
        lines: [{ serviceCode: "VAD", quantity: 5, termMonths: 10, unitPrice: "10.00" }],
      },
    });
    await drainEvents();
    for (let read = 0; read < 2; read++)
      await seed.client.ok(partner.admin, ops.PartnerScorecardDocument, { partnerId: partner.id });
    await drainEvents();
    expect(await goalNotices(partner.admin)).toBe(2);
    expect(await goalNotices(vendor, partner.id)).toBe(2);

    const { organization } = await seed.client.ok(vendor, ops.PartnerScorecardDocument, { partnerId: partner.id });
    expect(organization.sales!.quarterToDateBookings).toBe("1100.00");
    expect(organization.jointGoals!.find((g) => g.metric === "BOOKINGS")).toMatchObject({
      metric: "BOOKINGS",
      progress: 1100,
      achieved: true,
      reward: { kind: "REBATE", amount: 50 },
    });
    const rewards = await stack.subgraphs.entitlements.dataSource.query(
      `SELECT COUNT(*) AS n FROM goal_reward WHERE partner_id = ?`,
      [partner.id],
    );
    expect(Number(rewards[0].n)).toBe(1);
  });

  it("is FORBIDDEN to another partner and to the partner's customers", async () => {
    const other = await seed.partner();
    for (const actor of [other.admin, customers[0].admin]) {
      const response = await seed.client.send(actor, ops.PartnerScorecardDocument, { partnerId: partner.id });
      // The partner's public profile is visible, its figures are not: a non-null figure refused nulls the whole answer.
      expect(response.data?.organization ?? null).toBeNull();
      expect(response.errors?.length).toBeGreaterThan(0);
      expect(new Set(response.errors?.map((e) => e.extensions?.code))).toEqual(new Set(["FORBIDDEN"]));
    }
  });

  it("shows a partner with no sales zeros, not nulls", async () => {
    const fresh = await seed.partner();
    const { organization } = await seed.client.ok(fresh.admin, ops.PartnerScorecardDocument, { partnerId: fresh.id });
    expect(organization).toMatchObject({
      certifiedPeopleCount: 0,
      connectedCustomerCount: 0,
      sales: { todayBookings: "0.00", quarterToDateBookings: "0.00" },
      pipeline: { totalAmount: "0.00" },
      openCustomerTicketCount: 0,
      jointGoals: [],
    });
    expect(organization.sales!.quarters.map((q) => [q.bookings, q.previousYearBookings])).toEqual(
      Array(4).fill(["0.00", "0.00"]),
    );
  });
});
