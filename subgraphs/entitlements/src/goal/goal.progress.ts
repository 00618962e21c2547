import { toSqlDateTime } from "@partnergraph/kit";
import { DataSource } from "typeorm";
import { Order } from "../order/order.entity";
import { OpportunityStage } from "../pipeline/opportunity.entity";
import { Opportunity } from "../pipeline/opportunity.entity";
import { GoalMetric, JointGoal } from "./goal.entity";

interface MetricSource {
  entity: Function;
  partner: string;
  at: string;
  value: string;
  where?: string;
}

/** Where each metric comes from: live orders (resold by the partner) or its deal registrations. */
const SOURCES: Record<GoalMetric, MetricSource> = {
  [GoalMetric.BOOKINGS]: {
    entity: Order,
    partner: "t.reseller_id",
    at: "t.placed_at",
    value: "t.total_cents",
    where: "t.currency = 'USD'",
  },
  [GoalMetric.PIPELINE]: {
    entity: Opportunity,
    partner: "t.partner_id",
    at: "t.created_at",
    value: "t.amount_cents",
    where: `t.stage <> '${OpportunityStage.LOST}'`,
  },
  [GoalMetric.WON_DEALS]: {
    entity: Opportunity,
    partner: "t.partner_id",
    at: "t.closed_at",
    value: "1",
    where: `t.stage = '${OpportunityStage.WON}'`,
  },
};

/** Live progress of many goals (in the target's unit), one statement per metric among them. */
export async function goalProgress(dataSource: DataSource, goals: JointGoal[]): Promise<Map<string, number>> {
  const progress = new Map<string, number>();
  for (const metric of Object.values(GoalMetric)) {
    const ofMetric = goals.filter((g) => g.metric === metric);
    if (!ofMetric.length) continue;
    const source = SOURCES[metric];
    const qb = dataSource.getRepository(source.entity).createQueryBuilder("t").select("COUNT(*)", "n");
    ofMetric.forEach((goal, i) => {
      qb.addSelect(
        `SUM(CASE WHEN ${source.partner} = :p${i} AND ${source.at} >= :s${i} AND ${source.at} < :e${i} THEN ${source.value} ELSE 0 END)`,
        `g${i}`,
      );
      qb.setParameters({
        [`p${i}`]: goal.partnerId,
        [`s${i}`]: toSqlDateTime(goal.periodStart),
        [`e${i}`]: toSqlDateTime(goal.periodEnd),
      });
    });
    qb.where(`${source.partner} IN (:...partners)`, { partners: [...new Set(ofMetric.map((g) => g.partnerId))] });
    if (source.where) qb.andWhere(source.where);
    const row = (await qb.getRawOne<Record<string, string | number | null>>()) ?? {};
    ofMetric.forEach((goal, i) => progress.set(goal.id, Number(row[`g${i}`] ?? 0)));
  }
  return progress;
}
