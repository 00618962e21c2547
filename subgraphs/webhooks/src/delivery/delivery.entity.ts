import { CreatedAtColumn, SequenceColumn } from "@partnergraph/kit";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index } from "typeorm";

export enum DeliveryStatus {
  PENDING = "PENDING",
  DELIVERED = "DELIVERED",
  /** Retried for 24 hours without a 2xx answer. */
  FAILED = "FAILED",
  /** Never sent: a partner's delivery of a customer's event after the connection or the consent stopped sharing it. */
  WITHHELD = "WITHHELD",
}
registerEnumType(DeliveryStatus, { name: "WebhookDeliveryStatus" });

/** One event to send to one webhook (a replay makes another): retried with back-off until a 2xx or 24 hours. */
@Entity("webhook_delivery")
@Index("IDX_webhook_delivery_due", ["status", "nextAttemptAt"])
@Index("IDX_webhook_delivery_webhook", ["webhookId", "seq"])
@Index("IDX_webhook_delivery_created", ["createdAt"])
@ObjectType({ description: "An event sent (or being sent) to a webhook" })
export class WebhookDelivery {
  /** Order of queueing, which is the events' order: an endpoint's deliveries are sent in it. */
  @SequenceColumn()
  seq: string;

  @Index("IDX_webhook_delivery_id", { unique: true })
  @Column({ type: "varchar", length: 20 })
  @Field(() => ID)
  id: string;

  @Column({ name: "webhook_id", type: "varchar", length: 20 })
  webhookId: string;

  @Column({ name: "event_id", type: "varchar", length: 36 })
  @Field(() => ID, { description: "The event's id, the same on every delivery and replay of it" })
  eventId: string;

  @Column({ name: "event_type", type: "varchar", length: 60 })
  @Field()
  eventType: string;

  @Column({ type: "varchar", length: 12 })
  @Field(() => DeliveryStatus)
  status: DeliveryStatus;

  @Column({ type: "int", default: 0 })
  @Field(() => Int)
  attempts: number;

  @Column({ name: "response_status", type: "int", nullable: true })
  @Field(() => Int, { nullable: true, description: "The HTTP status of the last attempt; null when none answered" })
  responseStatus: number | null;

  @Column({ name: "last_attempt_at", type: "datetime", precision: 3, nullable: true })
  @Field(() => Date, { nullable: true })
  lastAttemptAt: Date | null;

  @Column({ name: "delivered_at", type: "datetime", precision: 3, nullable: true })
  @Field(() => Date, { nullable: true })
  deliveredAt: Date | null;

  @Column({ name: "next_attempt_at", type: "datetime", precision: 3 })
  nextAttemptAt: Date;

  /** After this, a failing delivery is given up (FAILED). */
  @Column({ name: "expires_at", type: "datetime", precision: 3 })
  expiresAt: Date;

  @Column({ type: "boolean", default: false })
  @Field({ description: "Queued by a replay" })
  replay: boolean;

  /** The dispatcher pass sending it now (replicas share the table), and until when that claim holds. */
  @Column({ name: "claimed_by", type: "varchar", length: 36, nullable: true })
  claimedBy: string | null;

  @Column({ name: "claimed_until", type: "datetime", precision: 3, nullable: true })
  claimedUntil: Date | null;

  @CreatedAtColumn("created_at")
  @Field()
  createdAt: Date;
}

/** The log of one attempt: when, how long, what the endpoint answered (or why nothing did). */
@Entity("webhook_attempt")
@ObjectType({ description: "One attempt to deliver" })
export class WebhookAttempt {
  @SequenceColumn()
  seq: string;

  @Index("IDX_webhook_attempt_delivery")
  @Column({ name: "delivery_id", type: "varchar", length: 20 })
  deliveryId: string;

  @Column({ name: "attempted_at", type: "datetime", precision: 3 })
  @Field()
  attemptedAt: Date;

  @Column({ name: "duration_ms", type: "int" })
  @Field(() => Int)
  durationMs: number;

  @Column({ name: "response_status", type: "int", nullable: true })
  @Field(() => Int, { nullable: true })
  responseStatus: number | null;

  @Column({ type: "varchar", length: 300, nullable: true })
  @Field(() => String, { nullable: true, description: "Why no 2xx came back (timeout, refused, refused address…)" })
  error: string | null;
}
