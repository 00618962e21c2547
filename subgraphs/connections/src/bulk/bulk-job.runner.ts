import { ClientError, inTransaction, logger, RequestContext, withRequestId } from "@partnergraph/kit";
import { randomUUID } from "node:crypto";
import { DataSource, In } from "typeorm";
import { localAccessDecision } from "../connection/access";
import { BulkItemStatus, BulkJob, BulkJobItem, BulkJobStatus } from "./bulk-job.entity";
import { applyItem } from "./bulk-job.items";

const BATCH = 50;

/** The request id a job's items are done under (its log lines, internal calls and audit entries). */
const jobRequestId = (jobId: string) => `job:${jobId}`;

/** The item was finished by someone else meanwhile (a runner whose claim had run out): roll ours back. */
class AlreadyFinished extends Error {}

/**
 * Runs open jobs item by item, each item in its own transaction together with its result, so an item is
 * applied once whatever stops the process: a restart finds the job unfinished and its claim run out, and
 * goes on with the items still PENDING.
 */
export class BulkJobRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: { intervalMs?: number; leaseMs?: number } = {},
  ) {}

  private get leaseMs() {
    return this.options.leaseMs ?? 15_000;
  }

  start(): this {
    this.timer = setInterval(() => void this.kick(), this.options.intervalMs ?? 1000);
    this.timer.unref();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.runOpenJobs()
      .catch((error) => logger.warn("bulk job pass failed", { error: String(error) }))
      .finally(() => (this.running = null));
    return this.running;
  }

  /** Tests: runs until no open job is left that this runner can claim. */
  async drain(): Promise<void> {
    for (let i = 0; i < 100 && !this.stopped; i++) {
      await this.kick();
      const open = await this.dataSource.getRepository(BulkJob).count({
        where: { status: In([BulkJobStatus.QUEUED, BulkJobStatus.RUNNING]) },
      });
      if (!open) return;
    }
  }

  private async runOpenJobs(): Promise<void> {
    while (!this.stopped) {
      const token = randomUUID();
      const job = await this.claim(token);
      if (!job) return;
      try {
        // The job's own request id, not that of whichever request kicked the runner: its items' log lines,
        // internal calls and audit entries all say which job they were done for.
        await withRequestId(jobRequestId(job.id), () => this.run(job, token));
      } finally {
        await this.dataSource
          .getRepository(BulkJob)
          .update({ id: job.id, claimedBy: token }, { claimedBy: null, claimedUntil: null });
      }
    }
  }

  private async claim(token: string): Promise<BulkJob | null> {
    const jobs = this.dataSource.getRepository(BulkJob);
    const now = new Date();
    const open = await jobs
      .createQueryBuilder("j")
      .where("j.status IN (:...open)", { open: [BulkJobStatus.QUEUED, BulkJobStatus.RUNNING] })
      .andWhere("(j.claimed_until IS NULL OR j.claimed_until < :now)", { now })
      .orderBy("j.created_at", "ASC")
      .limit(5)
      .getMany();
    for (const candidate of open) {
      const claimed = await jobs
        .createQueryBuilder()
        .update(BulkJob)
        .set({ claimedBy: token, claimedUntil: new Date(now.getTime() + this.leaseMs), status: BulkJobStatus.RUNNING })
        .where("id = :id", { id: candidate.id })
        .andWhere("(claimed_until IS NULL OR claimed_until < :now)", { now })
        .execute();
      if (claimed.affected) return { ...candidate, claimedBy: token };
    }
    return null;
  }

  private async run(job: BulkJob, token: string): Promise<void> {
    const jobs = this.dataSource.getRepository(BulkJob);
    // One context for the whole job: the caller as it was when the job started, the live access decision.
    const ctx = new RequestContext(
      jobRequestId(job.id),
      job.caller,
      this.dataSource,
      localAccessDecision(this.dataSource),
    );
    while (!this.stopped) {
      const items = await this.dataSource.getRepository(BulkJobItem).find({
        where: { jobId: job.id, status: BulkItemStatus.PENDING },
        order: { index: "ASC" },
        take: BATCH,
      });
      if (!items.length) break;
      for (const item of items) {
        if (this.stopped) return;
        // Keep the claim while working; a runner that lost it stops (the other one goes on).
        const renewed = await jobs.update(
          { id: job.id, claimedBy: token },
          { claimedUntil: new Date(Date.now() + this.leaseMs) },
        );
        if (!renewed.affected) return;
        await this.runItem(ctx, job, item);
      }
    }
    if (this.stopped) return;
    const left = await this.dataSource
      .getRepository(BulkJobItem)
      .count({ where: { jobId: job.id, status: BulkItemStatus.PENDING } });
    if (!left)
      await jobs.update({ id: job.id, claimedBy: token }, { status: BulkJobStatus.COMPLETED, finishedAt: new Date() });
  }

  private async runItem(ctx: RequestContext, job: BulkJob, item: BulkJobItem): Promise<void> {
    const key = { jobId: job.id, index: item.index, status: BulkItemStatus.PENDING };
    try {
      await inTransaction(this.dataSource, async (manager) => {
        const resultId = await applyItem(ctx, manager, job.kind, item.input, `${job.id}:${item.index}`);
        const done = await manager.update(BulkJobItem, key, {
          status: BulkItemStatus.SUCCEEDED,
          resultId,
          finishedAt: new Date(),
        });
        if (!done.affected) throw new AlreadyFinished();
        await manager.increment(BulkJob, { id: job.id }, "succeeded", 1);
      });
    } catch (error) {
      if (error instanceof AlreadyFinished) return;
      // A rule the single operation enforces refused it: the item fails alone, saying why.
      // Anything else (a bug, the database gone) is logged and masked as the API would mask it.
      const known = error instanceof ClientError;
      if (!known)
        logger.error("bulk job item failed unexpectedly", { job: job.id, index: item.index, error: String(error) });
      const extensions = known ? error.extensions : {};
      await inTransaction(this.dataSource, async (manager) => {
        const done = await manager.update(BulkJobItem, key, {
          status: BulkItemStatus.FAILED,
          errorCode: known ? String(extensions.code) : "INTERNAL_SERVER_ERROR",
          errorMessage: known ? (error as Error).message.slice(0, 500) : "Internal server error",
          errorField: typeof extensions.field === "string" ? extensions.field : null,
          finishedAt: new Date(),
        });
        if (done.affected) await manager.increment(BulkJob, { id: job.id }, "failed", 1);
      });
    }
  }
}

const runners = new WeakMap<DataSource, BulkJobRunner>();
export function registerBulkRunner(dataSource: DataSource, runner: BulkJobRunner) {
  runners.set(dataSource, runner);
}
/** The subgraph's runner (tests drain it). */
export function bulkRunnerOf(dataSource: DataSource): BulkJobRunner | undefined {
  return runners.get(dataSource);
}
export function kickBulkRunner(dataSource: DataSource): void {
  void runners.get(dataSource)?.kick();
}
