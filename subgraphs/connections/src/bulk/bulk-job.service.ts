import {
  BadUserInputError,
  decodeCursor,
  inTransaction,
  newId,
  NotFoundError,
  Page,
  PageArgs,
  recordAudit,
  RequestContext,
  toPage,
} from "@partnergraph/kit";
import { AUDIT_ACTIONS } from "@partnergraph/contracts";
import { BulkItemStatus, BulkJob, BulkJobItem, BulkJobKind, BulkJobStatus } from "./bulk-job.entity";
import { BulkJobInput } from "./bulk-job.inputs";
import { kickBulkRunner } from "./bulk-job.runner";

export const MAX_BULK_ITEMS = 1000;

/** Which input each kind takes its items from. */
const ITEMS_FIELD: Record<BulkJobKind, "addCustomers" | "connectionIds" | "addService"> = {
  [BulkJobKind.ADD_CUSTOMERS]: "addCustomers",
  [BulkJobKind.TERMINATE_CONNECTIONS]: "connectionIds",
  [BulkJobKind.ADD_SERVICE]: "addService",
};

/** Each item's input, by kind; the list's field as errors name it. */
function itemsOf(input: BulkJobInput): { items: Record<string, string>[]; listField: string } {
  switch (input.kind) {
    case BulkJobKind.ADD_CUSTOMERS:
      return { items: (input.addCustomers ?? []).map((customer) => ({ ...customer })), listField: "addCustomers" };
    case BulkJobKind.TERMINATE_CONNECTIONS:
      return {
        items: (input.connectionIds ?? []).map((connectionId) => ({ connectionId })),
        listField: "connectionIds",
      };
    case BulkJobKind.ADD_SERVICE: {
      const addService = input.addService;
      if (!addService) throw new BadUserInputError("addService", "an ADD_SERVICE job needs addService");
      // The single operation adds a service as an ACTIVE trial first; there is no other way to add one.
      if (addService.trial === false)
        throw new BadUserInputError("addService.trial", "a service is added as a trial first; leave trial out or true");
      const serviceCode = addService.serviceCode;
      return {
        items: addService.customerIds.map((customerId) => ({ customerId, serviceCode })),
        listField: "addService.customerIds",
      };
    }
  }
}

/**
 * Starting and reading jobs. Starting checks only the job's shape: each item meets the single operation's
 * rules and authorization when it runs (bulk-job.items.ts). A job is its organization's alone.
 */
export class BulkJobService {
  constructor(private readonly ctx: RequestContext) {}

  async start(input: BulkJobInput): Promise<BulkJob> {
    const organizationId = this.ctx.requireOrganization();
    const caller = this.ctx.requireCaller();
    const idempotencyKey = input.idempotencyKey.trim();
    if (!idempotencyKey) throw new BadUserInputError("idempotencyKey", "idempotencyKey must not be blank");
    const existing = await this.ctx.repository(BulkJob).findOne({ where: { organizationId, idempotencyKey } });
    if (existing) return existing;

    const field = ITEMS_FIELD[input.kind];
    for (const other of Object.values(ITEMS_FIELD)) {
      const given = input[other];
      if (other !== field && given && (!Array.isArray(given) || given.length))
        throw new BadUserInputError(other, `${other} is not an input of a ${input.kind} job; send ${field}`);
    }
    const { items, listField } = itemsOf(input);
    if (items.length === 0 || items.length > MAX_BULK_ITEMS)
      throw new BadUserInputError(listField, `${listField} must hold 1 to ${MAX_BULK_ITEMS} items`);

    const job = this.ctx.repository(BulkJob).create({
      id: newId("JOB"),
      organizationId,
      kind: input.kind,
      idempotencyKey,
      status: BulkJobStatus.QUEUED,
      total: items.length,
      succeeded: 0,
      failed: 0,
      caller,
      createdAt: new Date(),
      finishedAt: null,
      claimedBy: null,
      claimedUntil: null,
    });
    try {
      await inTransaction(this.ctx.dataSource, async (manager) => {
        await manager.insert(BulkJob, job);
        const rows = items.map((item, index) => ({
          jobId: job.id,
          index,
          status: BulkItemStatus.PENDING,
          input: item,
          resultId: null,
          errorCode: null,
          errorMessage: null,
          errorField: null,
          finishedAt: null,
        }));
        for (let i = 0; i < rows.length; i += 200) await manager.insert(BulkJobItem, rows.slice(i, i + 200));
        // Each item records its own action when it runs; this entry says the job was asked for.
        await recordAudit(manager, caller, {
          action: AUDIT_ACTIONS.startBulkJob,
          subjectType: "BulkJob",
          subjectId: job.id,
          targetOrganizationId: organizationId,
          summary: `Started a bulk job to ${input.kind.toLowerCase().replace("_", " ")} (${items.length} items)`,
        });
      });
    } catch (error) {
      // The same key sent twice at once: the unique key lets one job in; the other caller gets that one.
      const raced = await this.ctx.repository(BulkJob).findOne({ where: { organizationId, idempotencyKey } });
      if (raced) return raced;
      throw error;
    }
    kickBulkRunner(this.ctx.dataSource);
    return job;
  }

  /** Another organization's job is NOT_FOUND: its existence is not ours to tell. */
  async get(id: string): Promise<BulkJob> {
    const organizationId = this.ctx.requireOrganization();
    const job = await this.ctx.repository(BulkJob).findOne({ where: { id, organizationId } });
    if (!job) throw new NotFoundError("Bulk job", id);
    return job;
  }

  /** A job's items in input order (keyset on the index). */
  async items(job: BulkJob, { first, after }: PageArgs): Promise<Page<BulkJobItem>> {
    const cursor = decodeCursor(after, 1);
    const query = this.ctx.repository(BulkJobItem).createQueryBuilder("i").where("i.job_id = :id", { id: job.id });
    if (cursor) query.andWhere("i.item_index > :after", { after: Number(cursor[0]) });
    const rows = await query
      .orderBy("i.item_index", "ASC")
      .limit(first + 1)
      .getMany();
    return toPage(rows, first, job.total, (item) => [item.index]);
  }
}
