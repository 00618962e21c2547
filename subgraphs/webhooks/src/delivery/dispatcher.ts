import { config, logger } from "@partnergraph/kit";
import { randomUUID } from "node:crypto";
import { DataSource, In } from "typeorm";
import { customersOf, mayReceive, sharedWith } from "../event/audience";
import { WebhookEvent } from "../event/webhook-event.entity";
import { openSecret } from "../webhook/secret-box";
import { Webhook } from "../webhook/webhook.entity";
import { DeliveryStatus, WebhookAttempt, WebhookDelivery } from "./delivery.entity";
import {
  DELIVERY_ID_HEADER,
  EVENT_ID_HEADER,
  EVENT_TYPE_HEADER,
  sendOnce,
  SIGNATURE_HEADER,
  signatureHeader,
} from "./sender";

export interface DispatcherOptions {
  /** How often it looks for due deliveries. */
  intervalMs?: number;
  /**
   * How long a pass's claim on its deliveries holds (WEBHOOK_CLAIM_LEASE_SECONDS); a dispatcher that died mid-pass
   * is taken over after it.
   */
  leaseMs?: number;
}

const BATCH = 100;
const MAX_PASSES = 20;
const MAX_BACKOFF_MS = 60 * 60 * 1000;
/** Written with a delivery's outcome, so a decided delivery never shows a claim (and a pass's end frees the rest). */
const CLAIM_RELEASED = { claimedBy: null, claimedUntil: null };

/**
 * The wait before attempt `attempts + 1`: the base doubled per attempt, at most an hour, with jitter (half to
 * all of it) so endpoints that failed together are not all retried together.
 */
export function retryDelayMs(attempts: number, baseMs = config().webhookRetryBaseMs, random = Math.random()): number {
  const full = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(full * (0.5 + random / 2));
}

/** The JSON body of a delivery: what a receiver verifies and reads. */
export function deliveryBody(event: WebhookEvent): string {
  return JSON.stringify({
    id: event.eventId,
    type: event.type,
    occurredAt: event.occurredAt.toISOString(),
    data: event.payload,
  });
}

/**
 * Sends due deliveries: on a timer, when kicked, and (tests) on demand. Replicas share the table: each pass
 * claims what it sends (a claim column with a lease, taken by one conditional UPDATE). An endpoint's
 * deliveries go out in queueing order, at most WEBHOOK_CONCURRENCY at a time.
 */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;
  private readonly intervalMs: number;
  private readonly leaseMs: number;

  constructor(
    private readonly dataSource: DataSource,
    options: DispatcherOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 1000;
    this.leaseMs = options.leaseMs ?? config().webhookClaimLeaseMs;
  }

  start(): this {
    this.timer = setInterval(() => void this.kick(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Sends what is due now (or joins the passes under way); resolves to how many attempts were made. */
  kick(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    this.running ??= this.passes(false)
      .catch((error) => {
        logger.warn("webhook dispatch pass failed", { error: String(error) });
        return 0;
      })
      .finally(() => (this.running = null));
    return this.running;
  }

  /**
   * Tests: sends everything pending now for these webhooks, ignoring back-off; returns how many of theirs are still
   * pending. Scoped because test files share a database: another file's deliveries (to its receiver, perhaps gone)
   * are neither sent nor counted here.
   */
  async drain(webhookIds: string[]): Promise<number> {
    if (!webhookIds.length) return 0;
    for (let i = 0; i < MAX_PASSES; i++) {
      await this.running?.catch(() => undefined);
      if (!(await this.passes(true, webhookIds))) break;
    }
    return this.dataSource
      .getRepository(WebhookDelivery)
      .count({ where: { status: DeliveryStatus.PENDING, webhookId: In(webhookIds) } });
  }

  private async passes(ignoreBackoff: boolean, webhookIds?: string[]): Promise<number> {
    let total = 0;
    for (let i = 0; i < MAX_PASSES && !this.stopped; i++) {
      const attempted = await this.pass(ignoreBackoff, webhookIds);
      total += attempted;
      if (!attempted) break;
    }
    return total;
  }

  private async pass(ignoreBackoff: boolean, webhookIds?: string[]): Promise<number> {
    const token = randomUUID();
    const deliveries = await this.claim(token, ignoreBackoff, webhookIds);
    if (!deliveries.length) return 0;
    try {
      const [webhooks, events] = await Promise.all([
        this.dataSource
          .getRepository(Webhook)
          .find({ where: { id: In([...new Set(deliveries.map((d) => d.webhookId))]) } }),
        this.dataSource
          .getRepository(WebhookEvent)
          .find({ where: { eventId: In([...new Set(deliveries.map((d) => d.eventId))]) } }),
      ]);
      const webhookById = new Map(webhooks.map((w) => [w.id, w]));
      const eventById = new Map(events.map((e) => [e.eventId, e]));
      const sendable = await this.withholdUnshared(deliveries, webhookById, eventById, token);
      const byWebhook = new Map<string, WebhookDelivery[]>();
      for (const delivery of sendable) {
        const list = byWebhook.get(delivery.webhookId) ?? [];
        list.push(delivery);
        byWebhook.set(delivery.webhookId, list);
      }
      const concurrency = config().webhookConcurrency;
      await Promise.all(
        [...byWebhook].map(async ([webhookId, queue]) => {
          const webhook = webhookById.get(webhookId);
          // Deleted or paused meanwhile: nothing is sent (a deleted webhook's rows are gone with it).
          if (!webhook?.active) return;
          for (let i = 0; i < queue.length && !this.stopped; i += concurrency)
            await Promise.all(
              queue
                .slice(i, i + concurrency)
                .map((delivery) => this.attempt(delivery, webhook, eventById.get(delivery.eventId), token)),
            );
        }),
      );
    } finally {
      await this.dataSource.getRepository(WebhookDelivery).update({ claimedBy: token }, CLAIM_RELEASED);
    }
    return deliveries.length;
  }

  /**
   * A partner's delivery of a customer's event goes out only while the connection and the consent still share
   * that area (asked once per pass): the others are WITHHELD, never sent — an ended connection, a narrowed consent,
   * a replay after either. Returns the deliveries still to send.
   */
  private async withholdUnshared(
    deliveries: WebhookDelivery[],
    webhookById: Map<string, Webhook>,
    eventById: Map<string, WebhookEvent>,
    token: string,
  ): Promise<WebhookDelivery[]> {
    const foreign = deliveries.filter((d) => {
      const [webhook, event] = [webhookById.get(d.webhookId), eventById.get(d.eventId)];
      return webhook && event && !event.organizationIds.includes(webhook.organizationId);
    });
    if (!foreign.length) return deliveries;
    const shared = await sharedWith(customersOf(foreign.map((d) => eventById.get(d.eventId)!)));
    const withheld = foreign
      .filter((d) => !mayReceive(webhookById.get(d.webhookId)!, eventById.get(d.eventId)!, shared))
      .map((d) => d.seq);
    if (!withheld.length) return deliveries;
    await this.dataSource
      .getRepository(WebhookDelivery)
      .update({ seq: In(withheld), claimedBy: token }, { status: DeliveryStatus.WITHHELD, ...CLAIM_RELEASED });
    return deliveries.filter((d) => !withheld.includes(d.seq));
  }

  private async claim(token: string, ignoreBackoff: boolean, webhookIds?: string[]): Promise<WebhookDelivery[]> {
    const repository = this.dataSource.getRepository(WebhookDelivery);
    const now = new Date();
    const query = repository
      .createQueryBuilder("d")
      .select("d.seq", "seq")
      .where("d.status = :pending", { pending: DeliveryStatus.PENDING })
      .andWhere("(d.claimedUntil IS NULL OR d.claimedUntil < :now)", { now })
      .orderBy("d.seq", "ASC")
      .limit(BATCH);
    if (!ignoreBackoff) query.andWhere("d.nextAttemptAt <= :now", { now });
    if (webhookIds) query.andWhere("d.webhookId IN (:...webhookIds)", { webhookIds });
    const seqs = (await query.getRawMany<{ seq: string | number }>()).map((row) => String(row.seq));
    if (!seqs.length) return [];
    await repository
      .createQueryBuilder()
      .update(WebhookDelivery)
      .set({ claimedBy: token, claimedUntil: new Date(now.getTime() + this.leaseMs) })
      .where("seq IN (:...seqs)", { seqs })
      .andWhere("status = :pending", { pending: DeliveryStatus.PENDING })
      .andWhere("(claimed_until IS NULL OR claimed_until < :now)", { now })
      .execute();
    return repository.find({ where: { seq: In(seqs), claimedBy: token }, order: { seq: "ASC" } });
  }

  /** One attempt, logged; the delivery is then DELIVERED, scheduled again, or (past 24 hours) FAILED. */
  private async attempt(delivery: WebhookDelivery, webhook: Webhook, event: WebhookEvent | undefined, token: string) {
    const repository = this.dataSource.getRepository(WebhookDelivery);
    if (!event) {
      // Pruned (WEBHOOK_EVENT_RETENTION_DAYS) while a replay of it waited: the log says why nothing was sent.
      await this.dataSource.getRepository(WebhookAttempt).insert({
        deliveryId: delivery.id,
        attemptedAt: new Date(),
        durationMs: 0,
        responseStatus: null,
        error: "the event is past its retention (WEBHOOK_EVENT_RETENTION_DAYS): nothing was sent",
      });
      await repository.update(
        { seq: delivery.seq, claimedBy: token },
        {
          status: DeliveryStatus.FAILED,
          attempts: delivery.attempts + 1,
          lastAttemptAt: new Date(),
          ...CLAIM_RELEASED,
        },
      );
      logger.warn("webhook delivery's event is past its retention", { delivery: delivery.id, event: delivery.eventId });
      return;
    }
    const body = deliveryBody(event);
    const attemptedAt = new Date();
    const result = await sendOnce(
      webhook.url,
      body,
      {
        [SIGNATURE_HEADER]: signatureHeader(openSecret(webhook.secretCiphertext), body),
        [EVENT_ID_HEADER]: event.eventId,
        [EVENT_TYPE_HEADER]: event.type,
        [DELIVERY_ID_HEADER]: delivery.id,
      },
      config().webhookTimeoutMs,
    );
    const attempts = delivery.attempts + 1;
    const delivered = result.error === null;
    const now = new Date();
    await this.dataSource.getRepository(WebhookAttempt).insert({
      deliveryId: delivery.id,
      attemptedAt,
      durationMs: result.durationMs,
      responseStatus: result.status,
      error: result.error,
    });
    const outcome: Partial<WebhookDelivery> = delivered
      ? { status: DeliveryStatus.DELIVERED, deliveredAt: now }
      : now >= delivery.expiresAt
        ? { status: DeliveryStatus.FAILED }
        : { nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) };
    await repository.update(
      { seq: delivery.seq, claimedBy: token },
      {
        ...outcome,
        attempts,
        responseStatus: result.status,
        lastAttemptAt: attemptedAt,
        // Rescheduled deliveries keep the claim to the pass's end, so no other replica retries one at once.
        ...(outcome.status ? CLAIM_RELEASED : {}),
      },
    );
    if (outcome.status === DeliveryStatus.FAILED)
      logger.warn("webhook delivery given up after 24 hours", { delivery: delivery.id, webhook: webhook.id });
  }
}

const dispatchers = new WeakMap<DataSource, WebhookDispatcher>();
export function registerDispatcher(dataSource: DataSource, dispatcher: WebhookDispatcher) {
  dispatchers.set(dataSource, dispatcher);
}
/** The subgraph's dispatcher (tests drain it). */
export function dispatcherOf(dataSource: DataSource): WebhookDispatcher | undefined {
  return dispatchers.get(dataSource);
}
/** After a commit that queued deliveries: send now rather than at the next tick. */
export function kickDispatcher(dataSource: DataSource): void {
  void dispatchers.get(dataSource)?.kick();
}
