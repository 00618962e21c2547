import { AUDIT_ACTIONS } from "@partnergraph/contracts";
import {
  BadUserInputError,
  config,
  ConflictError,
  ForbiddenError,
  forUpdate,
  isUniqueViolation,
  inTransaction,
  newId,
  NotFoundError,
  recordAudit,
  RequestContext,
} from "@partnergraph/kit";
import { DataSource, In } from "typeorm";
import { checkOrgId, requireBadgedPartner } from "../organization/orgid";
import { SalesService } from "../sales/sales.service";
import { publish } from "../events";
import { GoalMetric, GoalMilestone, GoalReward, GoalStatus, inCents, JointGoal } from "./goal.entity";
import { CreateJointGoalInput } from "./goal.inputs";
import { goalProgress } from "./goal.progress";
import { JointGoalView } from "./goal.type";

const MAX = 10_000_000_000_000;

/** A stored whole number of cents (money) or units (counts, points), or BAD_USER_INPUT naming the field. */
function stored(value: number, cents: boolean, field: string): number {
  const scaled = cents ? Math.round(value * 100) : value;
  if (
    !Number.isFinite(value) ||
    value < 0 ||
    scaled > MAX ||
    Math.abs(scaled - value * (cents ? 100 : 1)) > 1e-6 ||
    !Number.isInteger(scaled)
  ) {
    throw new BadUserInputError(
      field,
      cents ? `${field} must be an amount with at most two decimals` : `${field} must be a whole number`,
    );
  }
  return scaled;
}

/**
 * Records the reward of every met agreed goal that has none yet; the unique goal_id makes it exactly once,
 * however many evaluations race. Returns the live progress of all the goals and their rewards, by goal id.
 */
export async function evaluateGoals(
  dataSource: DataSource,
  goals: JointGoal[],
): Promise<{ progress: Map<string, number>; rewards: Map<string, GoalReward> }> {
  const progress = await goalProgress(dataSource, goals);
  const repository = dataSource.getRepository(GoalReward);
  const rewards = new Map(
    (goals.length ? await repository.find({ where: { goalId: In(goals.map((g) => g.id)) } }) : []).map((r) => [
      r.goalId,
      r,
    ]),
  );
  const agreed = goals.filter((g) => g.status === GoalStatus.AGREED);
  for (const goal of agreed) {
    const value = progress.get(goal.id) ?? 0;
    if (value < goal.targetValue || rewards.has(goal.id)) continue;
    const reward = repository.create({
      id: newId("RWD"),
      goalId: goal.id,
      partnerId: goal.partnerId,
      kind: goal.rewardKind,
      amount: goal.rewardAmount,
      achievedValue: value,
      recordedAt: new Date(),
    });
    try {
      await repository.insert(reward);
      rewards.set(goal.id, reward);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      rewards.set(goal.id, await repository.findOneByOrFail({ goalId: goal.id }));
    }
  }
  await announceMilestones(dataSource, agreed, progress);
  return { progress, rewards };
}

/** A stored value of the goal's metric (cents or a count) in the unit both sides read: USD or a count. */
const inTargetUnit = (goal: JointGoal, value: number) => (inCents(goal.metric) ? value / 100 : value);

/** What every goal event says of its goal. */
const goalRef = (goal: JointGoal) => ({
  goalId: goal.id,
  partnerId: goal.partnerId,
  vendorId: config().vendorOrganizationId,
  metric: goal.metric,
  target: inTargetUnit(goal, goal.targetValue),
});

/** The payload of JointGoalProposed and JointGoalDecided. */
const goalEvent = (goal: JointGoal) => ({
  ...goalRef(goal),
  status: goal.status,
  periodStart: goal.periodStart.toISOString(),
  periodEnd: goal.periodEnd.toISOString(),
});

export const MILESTONES = [50, 100] as const;

/** A goal's events (proposed, decided, milestones) reach support in the order they happened. */
const goalAggregate = (goal: JointGoal) => `goal:${goal.id}`;

/**
 * Tells both sides (through support's notifications) when a goal passes 50% and 100% of its target:
 * the milestone row and its GoalMilestoneReached event are written in one transaction, and the unique
 * (goal, milestone) index makes each announcement happen once however many evaluations race.
 */
async function announceMilestones(
  dataSource: DataSource,
  goals: JointGoal[],
  progress: Map<string, number>,
): Promise<void> {
  if (goals.length === 0) return;
  const recorded = await dataSource
    .getRepository(GoalMilestone)
    .find({ where: { goalId: In(goals.map((g) => g.id)) } });
  const done = new Set(recorded.map((m) => `${m.goalId}:${m.milestone}`));
  for (const goal of goals) {
    const value = progress.get(goal.id) ?? 0;
    for (const milestone of MILESTONES) {
      if (value * 100 < goal.targetValue * milestone || done.has(`${goal.id}:${milestone}`)) continue;
      try {
        await inTransaction(dataSource, async (manager) => {
          await manager.insert(GoalMilestone, { id: newId("GML"), goalId: goal.id, milestone, reachedAt: new Date() });
          await publish(
            manager,
            "GoalMilestoneReached",
            { ...goalRef(goal), milestone, progress: inTargetUnit(goal, value) },
            goalAggregate(goal),
          );
        });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err; // another evaluation announced it first
      }
    }
  }
}

/**
 * Right after something moved `metric` now (a resold order, a won deal): evaluates the partner's agreed goals
 * on that metric whose period holds now — no other goal can have changed — recording rewards and milestones.
 */
export async function evaluatePartnerGoals(
  dataSource: DataSource,
  partnerId: string,
  metric: GoalMetric,
): Promise<void> {
  const now = new Date();
  const goals = await dataSource
    .getRepository(JointGoal)
    .find({ where: { partnerId, metric, status: GoalStatus.AGREED } });
  await evaluateGoals(
    dataSource,
    goals.filter((g) => g.periodStart <= now && now < g.periodEnd),
  );
}

export class GoalService {
  constructor(private readonly ctx: RequestContext) {}

  async create(input: CreateJointGoalInput): Promise<JointGoalView> {
    const caller = this.ctx.requireVendorAdmin("Only the vendor's administrators set joint goals");
    const partnerId = checkOrgId(input.partnerId, "partnerId");
    if (!(input.periodEnd > input.periodStart))
      throw new BadUserInputError("periodEnd", "periodEnd must be after periodStart");
    const targetValue = stored(input.target, inCents(input.metric), "target");
    if (targetValue <= 0) throw new BadUserInputError("target", "target must be positive");
    const rewardAmount = stored(input.reward.amount, inCents(input.reward.kind), "reward.amount");
    await requireBadgedPartner(partnerId, "partnerId");
    const goal = this.ctx.repository(JointGoal).create({
      id: newId("GOL"),
      partnerId,
      metric: input.metric,
      targetValue,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      rewardKind: input.reward.kind,
      rewardAmount,
      createdByUserId: caller.userId,
      createdAt: new Date(),
      status: GoalStatus.PROPOSED,
      decidedAt: null,
      decidedByUserId: null,
    });
    await inTransaction(this.ctx.dataSource, async (manager) => {
      await manager.insert(JointGoal, goal);
      await publish(manager, "JointGoalProposed", goalEvent(goal), goalAggregate(goal));
      await recordAudit(manager, caller, {
        action: AUDIT_ACTIONS.createJointGoal,
        subjectType: "JointGoal",
        subjectId: goal.id,
        targetOrganizationId: partnerId,
        summary: `Proposed a ${goal.metric} goal of ${input.target} to partner ${partnerId}`,
      });
    });
    return (await this.views([goal])).get(goal.id)![0];
  }

  /**
   * The partner's administrators agree to (or decline) a goal the vendor proposed, once and for good.
   * An agreed goal is evaluated at once: a target already met earns its reward now.
   */
  async decide(id: string, status: GoalStatus.AGREED | GoalStatus.DECLINED): Promise<JointGoalView> {
    const caller = this.ctx.requireCaller();
    const partnerId = this.ctx.requireOrganization();
    if (caller.isVendorAdmin)
      throw new ForbiddenError("The vendor proposes goals; the partner agrees to or declines them");
    const goal = await inTransaction(this.ctx.dataSource, async (manager) => {
      const found = await manager.findOne(JointGoal, { where: { id }, lock: forUpdate(manager) });
      // Another partner's goal is as unknown as a missing one.
      if (!found || found.partnerId !== partnerId) throw new NotFoundError("Joint goal", id);
      if (caller.role !== "ADMIN" || caller.homeOrganizationId !== partnerId)
        throw new ForbiddenError("Only the partner's own administrators agree to or decline its goals");
      if (found.status !== GoalStatus.PROPOSED) throw new ConflictError(`Joint goal ${id} is ${found.status} already`);
      Object.assign(found, { status, decidedAt: new Date(), decidedByUserId: caller.userId });
      await manager.save(found);
      await publish(manager, "JointGoalDecided", goalEvent(found), goalAggregate(found));
      await recordAudit(manager, caller, {
        action: status === GoalStatus.AGREED ? AUDIT_ACTIONS.agreeJointGoal : AUDIT_ACTIONS.declineJointGoal,
        subjectType: "JointGoal",
        subjectId: id,
        targetOrganizationId: partnerId,
        summary: `${status === GoalStatus.AGREED ? "Agreed to" : "Declined"} the vendor's ${found.metric} goal`,
      });
      return found;
    });
    return (await this.views([goal])).get(goal.id)![0];
  }

  /** A partner's goals, oldest period first, evaluated now (rewards recorded for met ones). Partner itself and the vendor only. */
  async ofPartner(partnerId: string): Promise<JointGoalView[]> {
    this.ctx.use(SalesService).assertMaySeePartnerFigures(partnerId, "joint goals");
    return this.ctx
      .loader<string, JointGoalView[]>("joint-goals", async (ids) => {
        const goals = await this.ctx
          .repository(JointGoal)
          .find({ where: { partnerId: In([...ids]) }, order: { periodStart: "ASC", id: "ASC" } });
        const views = await this.views(goals);
        return ids.map((id) => goals.filter((g) => g.partnerId === id).map((g) => views.get(g.id)![0]));
      })
      .load(partnerId);
  }

  private async views(goals: JointGoal[]): Promise<Map<string, JointGoalView[]>> {
    const { progress, rewards } = await evaluateGoals(this.ctx.dataSource, goals);
    const unit = (value: number, cents: boolean) => (cents ? value / 100 : value);
    return new Map(
      goals.map((g) => {
        const value = progress.get(g.id) ?? 0;
        const reward = rewards.get(g.id);
        const view: JointGoalView = {
          id: g.id,
          partnerId: g.partnerId,
          metric: g.metric,
          status: g.status,
          decidedAt: g.decidedAt,
          target: inTargetUnit(g, g.targetValue),
          periodStart: g.periodStart,
          periodEnd: g.periodEnd,
          progress: inTargetUnit(g, value),
          achieved: value >= g.targetValue,
          reward: reward
            ? { kind: reward.kind, amount: unit(reward.amount, inCents(reward.kind)), recordedAt: reward.recordedAt }
            : null,
        };
        return [g.id, [view]];
      }),
    );
  }
}
