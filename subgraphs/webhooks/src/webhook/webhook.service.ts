import { AUDIT_ACTIONS } from "@partnergraph/contracts";
import {
  BadUserInputError,
  ForbiddenError,
  forUpdate,
  inTransaction,
  newId,
  NotFoundError,
  recordAudit,
  RequestContext,
} from "@partnergraph/kit";
import { WebhookDelivery } from "../delivery/delivery.entity";
import { removeAttempts } from "../delivery/delivery-log";
import { kickDispatcher } from "../delivery/dispatcher";
import { queueDeliveries } from "../delivery/queue";
import { WEBHOOK_EVENT_TYPES } from "../event/event-types";
import { WebhookEvent } from "../event/webhook-event.entity";
import { checkEndpoint } from "./endpoint-policy";
import { newSigningSecret, sealSecret } from "./secret-box";
import { Webhook, WebhookReplay, WebhookWithSecret } from "./webhook.entity";
import { CreateWebhookInput } from "./webhook.inputs";

/** The most subscriptions one organization may hold: each is a stream of outbound requests. */
export const MAX_WEBHOOKS_PER_ORGANIZATION = 20;
/** The most events one replay queues (the oldest first); replay again from the last one's instant for more. */
export const MAX_REPLAY = 10_000;

/**
 * The endpoint as an audit entry names it: its host alone, since a path or query often holds a token (a chat
 * service's incoming-webhook URL is a secret) and every person of the organization reads the trail.
 */
const endpointHost = (webhook: Webhook) => new URL(webhook.url).host;

/** Rules and authorization: an organization's webhooks are its administrators' alone. */
export class WebhookService {
  constructor(private readonly ctx: RequestContext) {}

  /** The acting organization, when the caller administers it (its own ADMIN, or a FULL administrator grant). */
  private administeredOrganization(): string {
    const organizationId = this.ctx.requireOrganization();
    const caller = this.ctx.requireCaller();
    const administers = caller.role === "ADMIN" || (caller.role === "ADMINISTRATOR" && caller.grantAccess === "FULL");
    if (!administers) throw new ForbiddenError("Only an administrator of the organization manages its webhooks");
    return organizationId;
  }

  /** Another organization's webhook is NOT_FOUND, not FORBIDDEN: its existence is not ours to tell. */
  private async own(id: string): Promise<Webhook> {
    const organizationId = this.administeredOrganization();
    const webhook = await this.ctx.repository(Webhook).findOne({ where: { id, organizationId } });
    if (!webhook) throw new NotFoundError("Webhook", id);
    return webhook;
  }

  list(): Promise<Webhook[]> {
    const organizationId = this.administeredOrganization();
    return this.ctx.repository(Webhook).find({ where: { organizationId }, order: { createdAt: "ASC", id: "ASC" } });
  }

  async create(input: CreateWebhookInput): Promise<WebhookWithSecret> {
    const organizationId = this.administeredOrganization();
    const eventTypes = [...new Set(input.eventTypes.map((type) => type.trim()))];
    const unknown = eventTypes.filter((type) => !WEBHOOK_EVENT_TYPES.includes(type));
    if (unknown.length)
      throw new BadUserInputError(
        "eventTypes",
        `unknown event type ${unknown.join(", ")}; known: ${WEBHOOK_EVENT_TYPES.join(", ")}`,
      );
    const url = await checkEndpoint(input.url);
    const secret = newSigningSecret();
    const created = await inTransaction(this.ctx.dataSource, async (manager) => {
      const held = await manager.count(Webhook, { where: { organizationId } });
      if (held >= MAX_WEBHOOKS_PER_ORGANIZATION)
        throw new BadUserInputError("url", `an organization holds at most ${MAX_WEBHOOKS_PER_ORGANIZATION} webhooks`);
      const webhook = manager.create(Webhook, {
        id: newId("WHK"),
        organizationId,
        url: url.toString(),
        eventTypes,
        active: true,
        secretCiphertext: sealSecret(secret),
        createdByUserId: this.ctx.requireCaller().userId,
        createdAt: new Date(),
      });
      await manager.insert(Webhook, webhook);
      await recordAudit(manager, this.ctx.caller, {
        action: AUDIT_ACTIONS.createWebhook,
        subjectType: "Webhook",
        subjectId: webhook.id,
        targetOrganizationId: organizationId,
        summary: `Subscribed an endpoint at ${endpointHost(webhook)} to ${eventTypes.join(", ")}`,
      });
      return { secret, webhook };
    });
    return created;
  }

  async rotateSecret(id: string): Promise<WebhookWithSecret> {
    const { id: webhookId, organizationId } = await this.own(id);
    const secret = newSigningSecret();
    const webhook = await inTransaction(this.ctx.dataSource, async (manager) => {
      const locked = await manager.findOne(Webhook, { where: { id: webhookId }, lock: forUpdate(manager) });
      // Deleted since it was found: as if it never was.
      if (!locked) throw new NotFoundError("Webhook", id);
      locked.secretCiphertext = sealSecret(secret);
      await manager.update(Webhook, { id: locked.id }, { secretCiphertext: locked.secretCiphertext });
      await recordAudit(manager, this.ctx.caller, {
        action: AUDIT_ACTIONS.rotateWebhookSecret,
        subjectType: "Webhook",
        subjectId: locked.id,
        targetOrganizationId: organizationId,
        summary: `Rotated the signing secret of the webhook to ${endpointHost(locked)}`,
      });
      return locked;
    });
    return { secret, webhook };
  }

  /** Removes the subscription with its delivery log; nothing more is sent to it. */
  async delete(id: string): Promise<boolean> {
    const webhook = await this.own(id);
    await inTransaction(this.ctx.dataSource, async (manager) => {
      const deliveries = await manager.find(WebhookDelivery, {
        select: { id: true },
        where: { webhookId: webhook.id },
      });
      await removeAttempts(
        manager,
        deliveries.map((d) => d.id),
      );
      await manager.delete(WebhookDelivery, { webhookId: webhook.id });
      // Deleted meanwhile by someone else: theirs is the entry.
      if (!(await manager.delete(Webhook, { id: webhook.id })).affected) throw new NotFoundError("Webhook", id);
      await recordAudit(manager, this.ctx.caller, {
        action: AUDIT_ACTIONS.deleteWebhook,
        subjectType: "Webhook",
        subjectId: webhook.id,
        targetOrganizationId: webhook.organizationId,
        summary: `Deleted the webhook to ${endpointHost(webhook)} with its delivery log`,
      });
    });
    return true;
  }

  /** Queues again, in their order, every event the webhook was sent that occurred at or after `since`. */
  async replay(id: string, since: Date): Promise<WebhookReplay> {
    const webhook = await this.own(id);
    if (Number.isNaN(since.getTime())) throw new BadUserInputError("since", "since must be an instant");
    const queued = await inTransaction(this.ctx.dataSource, async (manager) => {
      const events = await manager
        .createQueryBuilder(WebhookEvent, "e")
        .where("e.occurred_at >= :since", { since })
        .andWhere(
          "EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.webhook_id = :webhookId AND d.event_id = e.event_id AND d.replay = :original)",
          { webhookId: webhook.id, original: false },
        )
        .orderBy("e.seq", "ASC")
        .limit(MAX_REPLAY)
        .getMany();
      const count = await queueDeliveries(manager, [webhook], events, { replay: true });
      await recordAudit(manager, this.ctx.caller, {
        action: AUDIT_ACTIONS.replayWebhook,
        subjectType: "Webhook",
        subjectId: webhook.id,
        targetOrganizationId: webhook.organizationId,
        summary: `Replayed ${count} events since ${since.toISOString()} to ${endpointHost(webhook)}`,
      });
      return count;
    });
    kickDispatcher(this.ctx.dataSource);
    return { queued };
  }
}
