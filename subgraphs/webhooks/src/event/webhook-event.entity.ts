import { CreatedAtColumn, SequenceColumn } from "@partnergraph/kit";
import { Column, Entity, Index } from "typeorm";

/**
 * An event received from another subgraph's outbox, kept so it can be replayed: deliveries and replays read
 * it here, never in the publisher's tables.
 */
@Entity("webhook_event")
@Index("IDX_webhook_event_occurred", ["occurredAt"])
export class WebhookEvent {
  /** Order of arrival: replays send in this order. */
  @SequenceColumn()
  seq: string;

  /** The outbox event's id: receivers de-duplicate by it. */
  @Index("IDX_webhook_event_id", { unique: true })
  @Column({ name: "event_id", type: "varchar", length: 36 })
  eventId: string;

  /** The public type (CUSTOMER_CONNECTED…). */
  @Column({ type: "varchar", length: 60 })
  type: string;

  /** The organizations it is about: their subscriptions receive it. */
  @Column({ name: "organization_ids", type: "simple-json" })
  organizationIds: string[];

  @Column({ type: "simple-json" })
  payload: Record<string, unknown>;

  @Column({ name: "occurred_at", type: "datetime", precision: 3 })
  occurredAt: Date;

  @CreatedAtColumn("received_at")
  receivedAt: Date;
}
