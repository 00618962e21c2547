import { randomUUID } from "node:crypto";
import { Column, DataSource, Entity, EntityManager, Index, PrimaryColumn } from "typeorm";
import type { QueryDeepPartialEntity } from "typeorm/query-builder/QueryPartialEntity";
import { CreatedAtColumn, SequenceColumn } from "./columns";
import type { SubgraphName } from "./config";
import { isUniqueViolation } from "./database";
import type { InternalRoutes } from "./internal";
import { logger } from "./logger";
import { currentScope } from "./observability/scope";
import { inTransaction } from "./transaction";
import type { OutboxRelay } from "./outbox-relay";

/**
 * Transactional outbox: an event row is written in the same transaction as the change it reports;
 * a relay delivers it at least once to the subscribed subgraphs; each consumer records the event id
 * in the same transaction as its effect, so a second delivery changes nothing.
 */
@Entity("outbox_event")
// Also the pruning's range scan on delivered_at.
@Index(["deliveredAt", "nextAttemptAt"])
@Index(["aggregateKey", "deliveredAt", "seq"])
export class OutboxEvent {
  /**
   * Order of writing. An aggregate's later event is written only after its earlier one committed, so
   * within an aggregate this is the order things happened.
   */
  @SequenceColumn()
  seq: string;

  /** The event's identity for consumers (applied_event), unchanged by redelivery. */
  @Index({ unique: true })
  @Column({ type: "varchar", length: 36 })
  id: string;

  /**
   * What the event is about (e.g. a partner–customer pair): a relay hands the consumer an aggregate's
   * events one at a time in `seq` order and never passes an undelivered one. Defaults to the event's own
   * id, i.e. ordered with nothing else.
   */
  @Column({ name: "aggregate_key", type: "varchar", length: 120 })
  aggregateKey: string;

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

  /** The relay pass delivering it now (replicas share the table), and until when that claim holds. */
  @Column({ name: "claimed_by", type: "varchar", length: 36, nullable: true })
  claimedBy: string | null;

  @Column({ name: "claimed_until", type: "datetime", precision: 3, nullable: true })
  claimedUntil: Date | null;

  /** The request that caused the event: its delivery and the consumer's log lines carry it. */
  @Column({ name: "request_id", type: "varchar", length: 128, nullable: true })
  requestId: string | null;
}

/** On the consumer: the ids of the events already applied (pruned by applied_at after the retention). */
@Entity("applied_event")
@Index("IDX_applied_event_applied_at", ["appliedAt"])
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
  /** The request that caused it (also sent as x-request-id); null for events written outside a request. */
  requestId?: string | null;
}

export type EventHandler<Payload = any> = (manager: EntityManager, event: DeliveredEvent<Payload>) => Promise<void>;
export type EventSubscriptions = Record<string, SubgraphName[]>;

export const EVENTS_ROUTE = "events";

/** The transactions (their managers) that recorded an event, so inTransaction kicks the relay after those alone. */
const recordingManagers = new WeakSet<EntityManager>();
export function recordedEvents(manager: EntityManager): boolean {
  return recordingManagers.has(manager);
}

/** An outbox row for one event, not yet written. */
function outboxRow(
  subscriptions: EventSubscriptions,
  type: string,
  payload: Record<string, unknown>,
  aggregate: string | undefined,
  now: Date,
): Omit<OutboxEvent, "seq"> {
  const subscribers = subscriptions[type];
  if (!subscribers) throw new Error(`no subscribers are declared for event ${type}`);
  const id = randomUUID();
  return {
    id,
    aggregateKey: aggregate ?? id,
    type,
    payload,
    pending: [...subscribers],
    deliveredAt: null,
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    claimedBy: null,
    claimedUntil: null,
    requestId: currentScope()?.requestId ?? null,
    createdAt: now,
  };
}

/**
 * Writes an event inside the caller's transaction; delivered after commit. `aggregate` names what it is
 * about when its consumers must apply it after that thing's earlier events (e.g. "connection:P:C").
 */
export async function recordEvent(
  manager: EntityManager,
  subscriptions: EventSubscriptions,
  type: string,
  payload: Record<string, unknown>,
  aggregate?: string,
): Promise<OutboxEvent> {
  recordingManagers.add(manager);
  return manager.save(manager.create(OutboxEvent, outboxRow(subscriptions, type, payload, aggregate, new Date())));
}

/** Many events of one type, each its own aggregate, in one INSERT (a handler telling hundreds at once). */
export async function recordEvents(
  manager: EntityManager,
  subscriptions: EventSubscriptions,
  type: string,
  payloads: Record<string, unknown>[],
): Promise<void> {
  if (!payloads.length) return;
  const now = new Date();
  recordingManagers.add(manager);
  const rows = payloads.map((payload) =>
    manager.create(OutboxEvent, outboxRow(subscriptions, type, payload, undefined, now)),
  );
  // The payload column is JSON: TypeORM's insert types would have it spelt out property by property.
  await manager.insert(OutboxEvent, rows as QueryDeepPartialEntity<OutboxEvent>[]);
}

/**
 * recordEvent bound to a publisher's event map: it records only the types the map names, each with
 * exactly its payload (the map comes from the contracts package, which consumers type their handlers by).
 */
export function eventPublisher<Payloads extends object>(subscriptions: EventSubscriptions) {
  return <Type extends keyof Payloads & string>(
    manager: EntityManager,
    type: Type,
    payload: Payloads[Type],
    /** Events of one aggregate reach consumers in the order they were recorded. */
    aggregate?: string,
  ) => recordEvent(manager, subscriptions, type, { ...payload } as Record<string, unknown>, aggregate);
}

/** recordEvents bound to a publisher's event map, as eventPublisher binds recordEvent. */
export function eventsPublisher<Payloads extends object>(subscriptions: EventSubscriptions) {
  return <Type extends keyof Payloads & string>(manager: EntityManager, type: Type, payloads: Payloads[Type][]) =>
    recordEvents(
      manager,
      subscriptions,
      type,
      payloads.map((payload) => ({ ...payload }) as Record<string, unknown>),
    );
}

/**
 * Records the event as applied, first thing in its transaction; false when it was applied already. A second
 * delivery while the first is still applying (a relay that stopped waiting for it) waits on the first one's row:
 * once that commits, the second is told "already applied" (no error, no retry); if it rolls back, the second applies.
 */
async function claimEvent(manager: EntityManager, event: DeliveredEvent): Promise<boolean> {
  try {
    await manager.insert(AppliedEvent, { id: event.id, type: event.type, appliedAt: new Date() });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** The consumer's signed route: applies each event at most once. */
export function eventRoutes(dataSource: DataSource, handlers: Record<string, EventHandler>): InternalRoutes {
  return {
    [EVENTS_ROUTE]: async (event: DeliveredEvent) => {
      const handler = handlers[event.type];
      if (!handler) return { applied: false, reason: "not subscribed" };
      // A consumer that publishes in turn (support's notifications) has its relay pass them on after the commit.
      const applied = await inTransaction(dataSource, async (manager) => {
        if (!(await claimEvent(manager, event))) return false;
        await handler(manager, event);
        return true;
      });
      return { applied };
    },
  };
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
