import { randomUUID } from "node:crypto";
import { DataSource, In, IsNull, Repository } from "typeorm";
import { config, SubgraphName } from "./config";
import { callInternal, InternalCallError } from "./internal";
import { logger } from "./logger";
import { outsideAnyRequest, withRequestId } from "./observability/scope";
import { DeliveredEvent, EVENTS_ROUTE, OutboxEvent } from "./outbox";

export interface RelayOptions {
  /** How often the relay looks for due events besides the kicks after commits. */
  intervalMs?: number;
  /** How long a pass's claim on its events holds; a relay that died mid-pass is taken over after it. */
  leaseMs?: number;
  /** How long one delivery may take before it counts as failed (the event is retried; consumers dedupe). */
  deliveryTimeoutMs?: number;
}

const BATCH = 50;
/** Retries come within seconds of a consumer's return, not after a back-off grown to half a minute. */
const MAX_BACKOFF_MS = 2_000;
/** A kick keeps passing while passes deliver (an aggregate's next event becomes due only after its last). */
const MAX_PASSES = 20;

/** 250 ms, 500 ms, 1 s, then every 2 s while an event keeps failing. */
export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.max(0, attempts - 1));
}

/** The consumer could not be reached (refused, reset, timed out, or a proxy's 502–504): not the event's fault. */
function isUnreachable(error: unknown): boolean {
  return !(error instanceof InternalCallError) || [502, 503, 504].includes(error.status);
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const isPowerOfTwo = (n: number) => n > 0 && (n & (n - 1)) === 0;

/**
 * Delivers pending events: on a timer, when kicked after a commit, and (tests) on demand. Several
 * replicas may relay one outbox: each pass claims the events it delivers (a claim column with a lease,
 * taken by one conditional UPDATE), so no two relays deliver an event at the same time, and it takes only
 * the oldest undelivered event of each aggregate, so an aggregate's events reach consumers in order.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private again = false;
  private stopped = false;
  /** Subscribers last found unreachable: logged once when they go, once when they are back. */
  private readonly unreachable = new Set<string>();
  private readonly intervalMs: number;
  private readonly leaseMs: number;
  private readonly deliveryTimeoutMs: number;

  constructor(
    private readonly dataSource: DataSource,
    options: RelayOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 1000;
    this.leaseMs = options.leaseMs ?? 15_000;
    this.deliveryTimeoutMs = options.deliveryTimeoutMs ?? 5_000;
  }

  private get outbox(): Repository<OutboxEvent> {
    return this.dataSource.getRepository(OutboxEvent);
  }

  start(): this {
    this.timer = setInterval(() => void this.kickLogged(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  /** Stops the timer and waits for the pass under way, which gives back what it has not delivered. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Runs delivery passes now (or right after the ones under way); resolves to how many were delivered. */
  kick(): Promise<number> {
    // Once stopped (the data source is about to close), a kick after a late commit does nothing.
    if (this.stopped) return Promise.resolve(0);
    if (this.running) {
      this.again = true;
      return this.running;
    }
    // Kicked by a request's commit, the passes are still nobody's request: their statements are background work.
    this.running = outsideAnyRequest(() => this.passes(false)).finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        void this.kickLogged();
      }
    });
    return this.running;
  }

  private kickLogged(): Promise<void> {
    return this.kick().then(
      () => undefined,
      (error) => logger.warn("outbox relay pass failed", { error: String(error) }),
    );
  }

  /** Delivers everything deliverable now, ignoring back-off; returns how many remain undelivered. */
  async drain(): Promise<number> {
    for (let i = 0; i < MAX_PASSES; i++) {
      await this.running?.catch(() => undefined);
      const delivered = await outsideAnyRequest(() => this.passes(true));
      if (!delivered && !this.running) break;
    }
    return this.outbox.count({ where: { deliveredAt: IsNull() } });
  }

  private async passes(ignoreBackoff: boolean): Promise<number> {
    let total = 0;
    for (let i = 0; i < MAX_PASSES && !this.stopped; i++) {
      const delivered = await this.pass(ignoreBackoff);
      total += delivered;
      if (!delivered) break;
    }
    return total;
  }

  private async pass(ignoreBackoff: boolean): Promise<number> {
    const token = randomUUID();
    const claimedAt = Date.now();
    const events = await this.claim(token, ignoreBackoff, claimedAt);
    if (!events.length) return 0;
    // Subscribers found unreachable in this pass are not asked again in it: one probe per pass each.
    const down = new Set<string>();
    let delivered = 0;
    try {
      for (const event of events) {
        // Stop before a delivery could outlast the claim: another relay may take the event after it.
        if (this.stopped || Date.now() + this.deliveryTimeoutMs + 1000 > claimedAt + this.leaseMs) break;
        if (await this.deliver(event, token, down)) delivered++;
      }
    } finally {
      await this.outbox.update({ claimedBy: token }, { claimedBy: null, claimedUntil: null });
    }
    return delivered;
  }

  /**
   * Claims up to BATCH due events, each the oldest undelivered one of its aggregate and claimed by no
   * live pass. The UPDATE re-checks the claim row by row, so of two relays racing for an event one wins.
   */
  private async claim(token: string, ignoreBackoff: boolean, claimedAt: number): Promise<OutboxEvent[]> {
    const now = new Date(claimedAt);
    const query = this.outbox
      .createQueryBuilder("e")
      .select("e.seq", "seq")
      .where("e.deliveredAt IS NULL")
      .andWhere("(e.claimedUntil IS NULL OR e.claimedUntil < :now)", { now })
      .andWhere(
        "NOT EXISTS (SELECT 1 FROM outbox_event earlier WHERE earlier.aggregate_key = e.aggregate_key" +
          " AND earlier.delivered_at IS NULL AND earlier.seq < e.seq)",
      )
      .orderBy("e.seq", "ASC")
      .limit(BATCH);
    if (!ignoreBackoff) query.andWhere("e.nextAttemptAt <= :now", { now });
    const heads = (await query.getRawMany<{ seq: string | number }>()).map((row) => String(row.seq));
    if (!heads.length) return [];
    await this.outbox
      .createQueryBuilder()
      .update(OutboxEvent)
      .set({ claimedBy: token, claimedUntil: new Date(claimedAt + this.leaseMs) })
      .where("seq IN (:...heads)", { heads })
      .andWhere("delivered_at IS NULL")
      .andWhere("(claimed_until IS NULL OR claimed_until < :now)", { now })
      .execute();
    return this.outbox.find({ where: { seq: In(heads), claimedBy: token }, order: { seq: "ASC" } });
  }

  /** Tells each pending subscriber; records what is left and when to try again. True when fully delivered. */
  private async deliver(event: OutboxEvent, token: string, down: Set<string>): Promise<boolean> {
    const failures: string[] = [];
    const stillPending: string[] = [];
    let attempted = false;
    let refused = false;
    for (const subscriber of event.pending) {
      if (down.has(subscriber)) {
        stillPending.push(subscriber);
        continue;
      }
      attempted = true;
      try {
        await withTimeout(
          withRequestId(event.requestId, () =>
            callInternal(config().subgraphUrls[subscriber as SubgraphName], EVENTS_ROUTE, {
              id: event.id,
              type: event.type,
              payload: event.payload,
              occurredAt: event.createdAt.toISOString(),
              requestId: event.requestId,
            } satisfies DeliveredEvent),
          ),
          this.deliveryTimeoutMs,
        );
        if (this.unreachable.delete(subscriber)) logger.info("event subscriber reachable again", { subscriber });
      } catch (error) {
        stillPending.push(subscriber);
        failures.push(`${subscriber}: ${(error as Error).message}`);
        if (!isUnreachable(error)) refused = true;
        else {
          down.add(subscriber);
          if (!this.unreachable.has(subscriber)) {
            this.unreachable.add(subscriber);
            logger.warn("event subscriber unreachable; its events wait", { subscriber, error: String(error) });
          }
        }
      }
    }
    if (!attempted) return false;
    const attempts = event.attempts + 1;
    const release = { claimedBy: null, claimedUntil: null };
    // Only while the claim is still ours: after a lease ran out, the relay holding it now decides.
    await this.outbox.update(
      { seq: event.seq, claimedBy: token },
      stillPending.length
        ? {
            ...release,
            pending: stillPending,
            attempts,
            lastError: failures.length ? failures.join("; ").slice(0, 500) : event.lastError,
            nextAttemptAt: new Date(Date.now() + (failures.length ? retryDelayMs(attempts) : 0)),
          }
        : { ...release, pending: [], attempts, lastError: null, deliveredAt: new Date() },
    );
    // A consumer that answers but refuses the event (a bug, a poison event) holds up its aggregate: say so.
    if (refused && isPowerOfTwo(attempts))
      logger.warn("event delivery failed; will retry", { event: event.id, type: event.type, attempts, failures });
    return stillPending.length === 0;
  }
}
