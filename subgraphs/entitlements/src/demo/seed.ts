import { DEMO } from "@partnergraph/kit";
import { DataSource } from "typeorm";
import { addMonths } from "../entitlement/entitlement.service";
import { recordOrder } from "../order/order.service";
import { GoalMetric, GoalStatus, JointGoal, RewardKind } from "../goal/goal.entity";
import { Opportunity, OpportunityStage } from "../pipeline/opportunity.entity";
import { ResellRegistration, resellOpenKey, ResellStatus } from "../provisioning/resell.entity";
import { Service } from "../service/service.entity";
import { Trial, TrialStatus } from "../trial/trial.entity";

const { organizations: org, users } = DEMO;
const DAY = 86_400_000;

interface DemoOrder {
  customer: string;
  placedAt: Date;
  reseller: string | null;
  lines: [code: string, quantity: number, termMonths: number, unitPrice: number][];
}

/**
 * Entitlements' part of ../shared/contract/demo.md: Adatum's trials in every state, orders over the
 * last nine quarters (so the Partner 360 scorecard has four quarters and the year before them, plus
 * this quarter and today), many resold by Northwind, and the entitlements those orders make.
 */
export async function seedEntitlementsDemo(dataSource: DataSource): Promise<void> {
  if (await dataSource.getRepository(Trial).exists({ where: { id: "TRL-DEMOADTM01" } })) return;
  const now = new Date();
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const monthsAgo = (months: number, days = 0) => new Date(addMonths(now, -months).getTime() + days * DAY);
  const quarterStart = new Date(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3, 1));
  const startOfToday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const today = new Date(Math.max(startOfToday.getTime(), now.getTime() - 3_600_000));
  const thisQuarter = new Date((quarterStart.getTime() + today.getTime()) / 2);

  const orders: DemoOrder[] = [
    // Adatum: Virtual Apps and Desktops since two years, endpoint management, a lapsed Workspace.
    { customer: org.adatum, placedAt: monthsAgo(25), reseller: org.northwind, lines: [["VAD", 200, 12, 18]] },
    { customer: org.adatum, placedAt: monthsAgo(14), reseller: null, lines: [["WORKSPACE", 100, 12, 6]] },
    { customer: org.adatum, placedAt: monthsAgo(13, 5), reseller: org.northwind, lines: [["VAD", 200, 24, 17.5]] },
    { customer: org.adatum, placedAt: monthsAgo(9), reseller: org.northwind, lines: [["ENDPOINT", 500, 12, 3.5]] },
    { customer: org.adatum, placedAt: monthsAgo(6), reseller: org.northwind, lines: [["VAD", 50, 12, 18]] },
    { customer: org.adatum, placedAt: thisQuarter, reseller: org.northwind, lines: [["ENDPOINT", 100, 12, 3.5]] },
    {
      customer: org.adatum,
      placedAt: today,
      reseller: org.northwind,
      lines: [
        ["VAD", 25, 12, 18],
        ["SPA", 40, 12, 7],
      ],
    },
    // Tailspin buys directly.
    { customer: org.tailspin, placedAt: monthsAgo(10), reseller: null, lines: [["SPA", 30, 12, 7]] },
  ];
  // Fabrikam buys SD-WAN seats through Northwind in the quarters Contoso sells to Litware, so Northwind books every quarter.
  for (const quarter of [1, 3, 5, 7]) {
    orders.push({
      customer: org.fabrikam,
      placedAt: new Date(addMonths(quarterStart, -3 * quarter).getTime() + 50 * DAY),
      reseller: org.northwind,
      lines: [["SDWAN", 20 + quarter, 12, 9]],
    });
  }
  // Litware adds Workspace seats every quarter, through Northwind and Contoso in turn.
  for (let quarter = 0; quarter <= 8; quarter++) {
    orders.push({
      customer: org.litware,
      placedAt: quarter === 0 ? thisQuarter : new Date(addMonths(quarterStart, -3 * quarter).getTime() + 40 * DAY),
      reseller: quarter % 2 === 0 ? org.northwind : org.contoso,
      lines: [["WORKSPACE", 20 + 5 * quarter, 12, 6]],
    });
  }
  orders.sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());

  await dataSource.transaction(async (manager) => {
    const services = new Map((await manager.find(Service)).map((s) => [s.code, s]));
    const trial = (
      id: string,
      serviceCode: string,
      status: TrialStatus.PENDING | TrialStatus.ACTIVE | TrialStatus.DECLINED,
      requestedAt: Date,
      period: [Date, Date] | null,
      extra: Partial<Trial> = {},
    ) =>
      manager.create(Trial, {
        id,
        organizationId: org.adatum,
        serviceCode,
        storedStatus: status,
        openKey:
          status === TrialStatus.DECLINED || (period && period[1] <= now) ? null : `${org.adatum}:${serviceCode}`,
        requestedAt,
        requestedByUserId: users.carol.id,
        addedByOrganizationId: null,
        startsAt: period?.[0] ?? null,
        endsAt: period?.[1] ?? null,
        decidedAt: status === TrialStatus.PENDING ? null : new Date(requestedAt.getTime() + DAY),
        decidedByUserId: status === TrialStatus.PENDING ? null : users.ops.id,
        expiryAnnouncedAt: null,
        ...extra,
      });
    await manager.save([
      // Added by Northwind as Adatum's administrator: running, ending within the notice period.
      trial("TRL-DEMOADTM01", "SDWAN", TrialStatus.ACTIVE, ago(20), [ago(20), new Date(ago(20).getTime() + 30 * DAY)], {
        requestedByUserId: users.alice.id,
        addedByOrganizationId: org.northwind,
        decidedAt: null,
        decidedByUserId: null,
      }),
      trial("TRL-DEMOADTM02", "ANALYTICS", TrialStatus.PENDING, ago(2), null),
      trial("TRL-DEMOADTM03", "SPA", TrialStatus.ACTIVE, ago(62), [ago(61), ago(31)]), // EXPIRED when read
      trial("TRL-DEMOADTM04", "CONTENT", TrialStatus.DECLINED, ago(90), null),
    ]);
    await manager.save(
      [
        ["RSL-DEMONW0001", org.northwind, "SDWAN"],
        ["RSL-DEMONW0002", org.northwind, "VAD"],
        ["RSL-DEMONW0003", org.northwind, "ENDPOINT"],
        ["RSL-DEMONW0004", org.northwind, "WORKSPACE"],
        ["RSL-DEMONW0005", org.northwind, "SPA"],
        ["RSL-DEMOCT0001", org.contoso, "WORKSPACE"],
      ].map(([id, organizationId, serviceCode]) =>
        manager.create(ResellRegistration, {
          id,
          organizationId,
          serviceCode,
          status: ResellStatus.APPROVED,
          openKey: resellOpenKey(organizationId, serviceCode),
          requestedByUserId: organizationId === org.northwind ? users.alice.id : users.bob.id,
          requestedAt: monthsAgo(30),
          decidedAt: monthsAgo(30),
          decidedByUserId: users.ops.id,
          reason: null,
        }),
      ),
    );
    const placedBy = (reseller: string | null) =>
      reseller === org.northwind ? users.alice.id : reseller === org.contoso ? users.bob.id : users.ops.id;
    for (const o of orders) {
      await recordOrder(manager, {
        organizationId: o.customer,
        resellerId: o.reseller,
        currency: "USD",
        placedAt: o.placedAt,
        placedByUserId: placedBy(o.reseller),
        lines: o.lines.map(([code, quantity, termMonths, unitPrice]) => ({
          service: services.get(code)!,
          quantity,
          termMonths,
          unitPriceCents: Math.round(unitPrice * 100),
        })),
      });
    }
    // Northwind's deal registrations, in every stage: a pipeline of 51,500.00 open (LEAD 6,500, QUALIFIED 20,000, PROPOSAL 25,000).
    const deal = (
      id: string,
      title: string,
      stage: OpportunityStage,
      amount: number,
      created: number,
      closesIn: number,
      customerId: string | null,
      prospectName: string | null = null,
    ) =>
      manager.create(Opportunity, {
        id,
        partnerId: org.northwind,
        customerId,
        prospectName,
        title,
        stage,
        amountCents: amount * 100,
        expectedCloseAt: new Date(now.getTime() + closesIn * DAY),
        createdAt: ago(created),
        closedAt:
          stage === OpportunityStage.WON || stage === OpportunityStage.LOST ? ago(Math.max(created - 20, 1)) : null,
      });
    await manager.save([
      deal(
        "OPP-DEMONW0001",
        "Blue Yonder Airlines: desktops for 300 seats",
        OpportunityStage.LEAD,
        4000,
        5,
        90,
        null,
        "Blue Yonder Airlines",
      ),
      deal("OPP-DEMONW0002", "Coho Winery: SD-WAN pilot", OpportunityStage.LEAD, 2500, 12, 120, null, "Coho Winery"),
      deal("OPP-DEMONW0003", "Litware: endpoint management", OpportunityStage.QUALIFIED, 20000, 30, 60, org.litware),
      deal(
        "OPP-DEMONW0004",
        "Adatum: Secure Private Access rollout",
        OpportunityStage.PROPOSAL,
        25000,
        45,
        21,
        org.adatum,
      ),
      deal("OPP-DEMONW0005", "Adatum: VAD expansion", OpportunityStage.WON, 18000, 60, -30, org.adatum),
      deal(
        "OPP-DEMONW0006",
        "Wide World Importers: workspace",
        OpportunityStage.LOST,
        9000,
        80,
        -40,
        null,
        "Wide World Importers",
      ),
    ]);
    // Joint goals Northwind agreed with the vendor: one deal won in the half year (met, by the VAD expansion: 500 points,
    // recorded when first evaluated), and 100,000.00 of pipeline this quarter (not met).
    const goal = (
      id: string,
      metric: GoalMetric,
      targetValue: number,
      periodStart: Date,
      periodEnd: Date,
      rewardKind: RewardKind,
      rewardAmount: number,
    ) =>
      manager.create(JointGoal, {
        id,
        partnerId: org.northwind,
        metric,
        targetValue,
        periodStart,
        periodEnd,
        rewardKind,
        rewardAmount,
        createdByUserId: users.ops.id,
        createdAt: monthsAgo(6),
        status: GoalStatus.AGREED,
        decidedAt: monthsAgo(6),
        decidedByUserId: users.alice.id,
      });
    await manager.save([
      goal(
        "GOL-DEMONW0001",
        GoalMetric.WON_DEALS,
        1,
        ago(180),
        new Date(now.getTime() + 30 * DAY),
        RewardKind.POINTS,
        500,
      ),
      goal(
        "GOL-DEMONW0002",
        GoalMetric.PIPELINE,
        100_000_00,
        quarterStart,
        addMonths(quarterStart, 3),
        RewardKind.REBATE,
        2_500_00,
      ),
    ]);
  });
}
