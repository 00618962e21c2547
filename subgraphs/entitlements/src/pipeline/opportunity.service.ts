import { AUDIT_ACTIONS } from "@partnergraph/contracts";
import {
  BadUserInputError,
  ConflictError,
  decodeCursor,
  firstRowsPerParent,
  ForbiddenError,
  forUpdate,
  inTransaction,
  newId,
  NotFoundError,
  Page,
  ParentSlice,
  recordAudit,
  remoteAccessDecision,
  RequestContext,
  slicePage,
  toSqlDateTime,
} from "@partnergraph/kit";
import { GoalMetric } from "../goal/goal.entity";
import { evaluatePartnerGoals } from "../goal/goal.service";
import { checkOrgId } from "../organization/orgid";
import { SalesService } from "../sales/sales.service";
import { isClosed, OPEN_STAGES, Opportunity, OpportunityStage, STAGES } from "./opportunity.entity";
import { RegisterOpportunityInput } from "./opportunity.inputs";
import { Pipeline, StageSummary } from "./pipeline.type";

/** Deal registrations: a badged partner registers and moves its own; it and the vendor see its pipeline. */
export class OpportunityService {
  constructor(private readonly ctx: RequestContext) {}

  async register(input: RegisterOpportunityInput): Promise<Opportunity> {
    const caller = this.ctx.requireCaller();
    const partnerId = this.ctx.requireOrganization();
    if (!caller.isPartner) throw new ForbiddenError("Only a badged partner, acting as itself, registers deals");
    const customerId = input.customerId ? checkOrgId(input.customerId, "customerId") : null;
    const prospectName = input.prospectName?.trim() || null;
    if (!customerId === !prospectName)
      throw new BadUserInputError("customerId", "Give either customerId or prospectName, not both and not neither");
    if (customerId === partnerId)
      throw new BadUserInputError("customerId", "A partner registers deals with customers, not with itself");
    const title = input.title.trim();
    if (!title) throw new BadUserInputError("title", "title must not be blank");
    if (Number.isNaN(input.expectedCloseAt.getTime()))
      throw new BadUserInputError("expectedCloseAt", "expectedCloseAt must be a date");
    // A deal names a customer organization only when the partner serves it now; anyone else is a prospect.
    // Asked last: the input is checked before a call to connections is spent on it.
    if (customerId && !(await remoteAccessDecision(partnerId, [customerId])).has(customerId)) {
      throw new ForbiddenError(`You are not connected with ${customerId}: register the deal with prospectName instead`);
    }
    const repository = this.ctx.repository(Opportunity);
    const opportunity = repository.create({
      id: newId("OPP"),
      partnerId,
      customerId,
      prospectName,
      title,
      stage: OpportunityStage.LEAD,
      amountCents: input.amount,
      expectedCloseAt: input.expectedCloseAt,
      createdAt: new Date(),
      closedAt: null,
    });
    await inTransaction(this.ctx.dataSource, async (manager) => {
      await manager.save(opportunity);
      await recordAudit(manager, caller, {
        action: AUDIT_ACTIONS.registerOpportunity,
        subjectType: "Opportunity",
        subjectId: opportunity.id,
        targetOrganizationId: partnerId,
        summary: `Registered the deal "${title}" with ${customerId ?? prospectName}`,
      });
    });
    return opportunity;
  }

  /** The partner moves its own opportunity; WON and LOST close it (closedAt), and a closed one never moves again. */
  async move(id: string, stage: OpportunityStage): Promise<Opportunity> {
    const partnerId = this.ctx.requireOrganization();
    const moved = await inTransaction(this.ctx.dataSource, async (manager) => {
      const opportunity = await manager.findOne(Opportunity, { where: { id }, lock: forUpdate(manager) });
      if (!opportunity) throw new NotFoundError("Opportunity", id);
      if (opportunity.partnerId !== partnerId)
        throw new ForbiddenError("Only the partner that registered a deal moves it");
      if (isClosed(opportunity.stage))
        throw new ConflictError(`Opportunity ${id} is ${opportunity.stage}: a closed deal does not move`);
      opportunity.stage = stage;
      opportunity.closedAt = isClosed(stage) ? new Date() : null;
      await manager.save(opportunity);
      await recordAudit(manager, this.ctx.caller, {
        action: AUDIT_ACTIONS.moveOpportunity,
        subjectType: "Opportunity",
        subjectId: id,
        targetOrganizationId: partnerId,
        summary: `Moved the deal "${opportunity.title}" to ${stage}`,
      });
      return opportunity;
    });
    // A won deal may meet a WON_DEALS goal: record its reward now rather than at the next read.
    if (moved.stage === OpportunityStage.WON)
      await evaluatePartnerGoals(this.ctx.dataSource, partnerId, GoalMetric.WON_DEALS);
    return moved;
  }

  of(partnerId: string): Pipeline {
    this.ctx.use(SalesService).assertMaySeePartnerFigures(partnerId, "pipeline");
    return Object.assign(new Pipeline(), { partnerId });
  }

  /** Count and amount in each of the five stages, in fixed order (zeros included). One statement for all partners of the request. */
  byStage(partnerId: string): Promise<StageSummary[]> {
    return this.ctx
      .loader<string, StageSummary[]>("pipeline-by-stage", async (ids) => {
        const rows = await this.ctx
          .repository(Opportunity)
          .createQueryBuilder("o")
          .select("o.partner_id", "partnerId")
          .addSelect("o.stage", "stage")
          .addSelect("COUNT(*)", "count")
          .addSelect("SUM(o.amount_cents)", "amount")
          .where("o.partner_id IN (:...ids)", { ids: [...ids] })
          .groupBy("o.partner_id")
          .addGroupBy("o.stage")
          .getRawMany<{
            partnerId: string;
            stage: OpportunityStage;
            count: string | number;
            amount: string | number | null;
          }>();
        return ids.map((id) =>
          STAGES.map((stage) => {
            const row = rows.find((r) => r.partnerId === id && r.stage === stage);
            return { stage, count: Number(row?.count ?? 0), amount: Number(row?.amount ?? 0) };
          }),
        );
      })
      .load(partnerId);
  }

  async totalAmount(partnerId: string): Promise<number> {
    return (await this.byStage(partnerId))
      .filter((s) => OPEN_STAGES.includes(s.stage))
      .reduce((sum, s) => sum + s.amount, 0);
  }

  /**
   * A page of the partner's opportunities (in one stage, or all), by expected close then id.
   * All partners of a request asking for the same page share one statement (the window query of firstRowsPerParent).
   */
  async opportunities(
    partnerId: string,
    stage: OpportunityStage | null,
    first: number,
    after?: string | null,
  ): Promise<Page<Opportunity>> {
    const afterKey = decodeCursor(after, 2);
    const slice = await this.ctx
      .loader<string, ParentSlice<Opportunity>>(`opportunities:${stage ?? ""}:${first}:${after ?? ""}`, (ids) =>
        firstRowsPerParent({
          repository: this.ctx.repository(Opportunity),
          parentColumn: "partner_id",
          parentProperty: "partnerId",
          parentIds: ids,
          orderBy: [["expected_close_at", "ASC"]],
          first,
          filter: (qb) => {
            if (stage) qb.andWhere("t.stage = :stage", { stage });
            if (afterKey)
              qb.andWhere("(t.expected_close_at > :afterAt OR (t.expected_close_at = :afterAt AND t.id > :afterId))", {
                afterAt: afterKey[0],
                afterId: afterKey[1],
              });
            return qb;
          },
        }),
      )
      .load(partnerId);
    // Past the first page the slice counts only what follows the cursor; the stage counts (batched) hold the total.
    const totalCount = afterKey
      ? (await this.byStage(partnerId)).filter((s) => !stage || s.stage === stage).reduce((sum, s) => sum + s.count, 0)
      : slice.totalCount;
    return slicePage(slice, (deal) => [toSqlDateTime(deal.expectedCloseAt), deal.id], totalCount);
  }
}
