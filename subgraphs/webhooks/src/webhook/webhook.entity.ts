import { CreatedAtColumn } from "@partnergraph/kit";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/** An organization's subscription: an endpoint that receives the event types it names, signed with its secret. */
@Entity("webhook")
@ObjectType({ description: "An endpoint an organization's administrator subscribed to events about its own data" })
export class Webhook {
  @PrimaryColumn({ type: "varchar", length: 20 })
  @Field(() => ID)
  id: string;

  @Index("IDX_webhook_organization")
  @Column({ name: "organization_id", type: "varchar", length: 20 })
  organizationId: string;

  @Column({ type: "varchar", length: 2000 })
  @Field()
  url: string;

  @Column({ name: "event_types", type: "simple-json" })
  @Field(() => [String])
  eventTypes: string[];

  @Column({ type: "boolean", default: true })
  @Field()
  active: boolean;

  /** The signing secret, AES-256-GCM under WEBHOOK_SECRET_KEY: shown once, never readable through the API. */
  @Column({ name: "secret_ciphertext", type: "varchar", length: 300 })
  secretCiphertext: string;

  @Column({ name: "created_by_user_id", type: "varchar", length: 20 })
  createdByUserId: string;

  @CreatedAtColumn("created_at")
  @Field()
  createdAt: Date;
}

@ObjectType({ description: "A subscription with its signing secret, shown this once" })
export class WebhookWithSecret {
  @Field({ description: "Verify deliveries with it: HMAC-SHA256 of `<t>.<body>`; it is not shown again" })
  secret: string;

  @Field(() => Webhook)
  webhook: Webhook;
}

@ObjectType()
export class WebhookReplay {
  @Field(() => Int, { description: "How many deliveries were queued" })
  queued: number;
}
