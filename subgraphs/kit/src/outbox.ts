import { randomUUID } from "node:crypto";
import { Column, DataSource, Entity, EntityManager, Index, IsNull, LessThanOrEqual, PrimaryColumn } from "typeorm";
import { CreatedAtColumn } from "./columns";
import { config, SubgraphName } from "./config";
import { callInternal, InternalRoutes } from "./internal";
import { logger } from "./logger";

/**
 * Transactional outbox: an event row is written in the same transaction as the change it reports;
 * a relay delivers it at least once to the subscribed subgraphs; each consumer records the event id
 * in the same transaction as its effect, so a second delivery changes nothing.
 */
@Entity("outbox_event")
@Index(["deliveredAt", "nextAttemptAt"])
export class OutboxEvent {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ type: "varchar", length: 80 })
  type: string;

  @Column({ type: "simple-json" })
  payload: Record<string, unknown>;

  @CreatedAtColumn("created_at")
  createdAt: Date;

  /** Subscribers still to be told; the event is delivered when this is empty. */
  @Column({ type: "simple-json" })
  pending: string[];

  @Column({ name: "delivered_at", type: "datetime", precision: 3, nullable: true })
  deliveredAt: Date | null;

  @Column({ type: "int", default: 0 })
  attempts: number;

  @Column({ name: "next_attempt_at", type: "datetime", precision: 3 })
  nextAttemptAt: Date;

  @Column({ name: "last_error", type: "varchar", length: 500, nullable: true })
  lastError: string | null;
}

/** On the consumer: the ids of the events already applied. */
@Entity("applied_event")
export class AppliedEvent {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ type: "varchar", length: 80 })
  type: string;

  @CreatedAtColumn("applied_at")
  appliedAt: Date;
}

export interface DeliveredEvent<T = Record<string, unknown>> {
  id: string;
  type: string;
  payload: T;
  occurredAt: string;
}

export type EventHandler = (manager: EntityManager, event: DeliveredEvent<any>) => Promise<void>;
export type EventSubscriptions = Record<string, SubgraphName[]>;

export const EVENTS_ROUTE = "events";

/** Writes an event inside the caller's transaction; delivered after commit. */
export async function recordEvent(
  manager: EntityManager,
  subscriptions: EventSubscriptions,
  type: string,
  payload: Record<string, unknown>,
): Promise<OutboxEvent> {
  const subscribers = subscriptions[type];
  if (!subscribers) throw new Error(`no subscribers are declared for event ${type}`);
  const now = new Date();
  return manager.save(
    manager.create(OutboxEvent, {
      id: randomUUID(),
      type,
      payload,
      pending: [...subscribers],
      deliveredAt: null,
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      createdAt: now,
    }),
  );
}

/** The consumer's signed route: applies each event at most once. */
export function eventRoutes(dataSource: DataSource, handlers: Record<string, EventHandler>): InternalRoutes {
  return {
    [EVENTS_ROUTE]: async (event: DeliveredEvent) => {
      const handler = handlers[event.type];
      if (!handler) return { applied: false, reason: "not subscribed" };
      const applied = await dataSource.transaction(async (manager) => {
        if (await manager.exists(AppliedEvent, { where: { id: event.id } })) return false;
        await handler(manager, event);
        await manager.insert(AppliedEvent, { id: event.id, type: event.type, appliedAt: new Date() });
        return true;
      });
      return { applied };
    },
  };
}

const MAX_BACKOFF_MS = 30_000;
const BATCH = 50;

/** Delivers pending events: on a timer, when kicked after a commit, and (tests) on demand. */
export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly intervalMs = 1000,
  ) {}

  start(): this {
    this.timer = setInterval(
      () => void this.kick().catch((error) => logger.warn("outbox relay pass failed", { error: String(error) })),
      this.intervalMs,
    );
    this.timer.unref();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Runs a delivery pass now (or right after the one under way). */
  kick(): Promise<number> {
    // Once stopped (the data source is about to close), a kick after a late commit does nothing.
    if (this.stopped) return Promise.resolve(0);
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.pass(false).finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        void this.kick().catch((error) => logger.warn("outbox relay pass failed", { error: String(error) }));
      }
    });
    return this.running;
  }

  /** Delivers everything pending now, ignoring back-off; returns how many remain undelivered. */
  async drain(): Promise<number> {
    await this.running;
    await this.pass(true);
    return this.dataSource.getRepository(OutboxEvent).count({ where: { deliveredAt: IsNull() } });
  }

  private async pass(ignoreBackoff: boolean): Promise<number> {
    const repository = this.dataSource.getRepository(OutboxEvent);
    const due = await repository.find({
      where: ignoreBackoff
        ? { deliveredAt: IsNull() }
        : { deliveredAt: IsNull(), nextAttemptAt: LessThanOrEqual(new Date()) },
      order: { createdAt: "ASC" },
      take: BATCH,
    });
    let delivered = 0;
    for (const event of due) {
      const failures: string[] = [];
      const stillPending: string[] = [];
      for (const subscriber of event.pending) {
        try {
          await callInternal(config().subgraphUrls[subscriber as SubgraphName], EVENTS_ROUTE, {
            id: event.id,
            type: event.type,
            payload: event.payload,
            occurredAt: event.createdAt.toISOString(),
          } satisfies DeliveredEvent);
        } catch (error) {
          stillPending.push(subscriber);
          failures.push(`${subscriber}: ${(error as Error).message}`);
        }
      }
      const attempts = event.attempts + 1;
      await repository.update(
        { id: event.id },
        stillPending.length
          ? {
              pending: stillPending,
              attempts,
              lastError: failures.join("; ").slice(0, 500),
              nextAttemptAt: new Date(Date.now() + Math.min(MAX_BACKOFF_MS, 250 * 2 ** attempts)),
            }
          : { pending: [], attempts, lastError: null, deliveredAt: new Date() },
      );
      if (stillPending.length)
        logger.warn("event delivery failed; will retry", { event: event.id, type: event.type, failures });
      else delivered++;
    }
    return delivered;
  }
}

const relays = new WeakMap<DataSource, OutboxRelay>();
export function registerRelay(dataSource: DataSource, relay: OutboxRelay) {
  relays.set(dataSource, relay);
}
/** After a transaction that recorded events commits: deliver now rather than at the next tick. */
export function kickRelay(dataSource: DataSource): void {
  void relays
    .get(dataSource)
    ?.kick()
    .catch((error) => logger.warn("outbox relay pass failed", { error: String(error) }));
}
export function relayOf(dataSource: DataSource): OutboxRelay | undefined {
  return relays.get(dataSource);
}
