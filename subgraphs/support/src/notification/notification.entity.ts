import { CreatedAtColumn } from "@partnergraph/kit";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

export enum NotificationCategory {
  CUSTOMER_CONNECTED = "CUSTOMER_CONNECTED",
  CONNECTION_ENDED_BY_CUSTOMER = "CONNECTION_ENDED_BY_CUSTOMER",
  CONNECTION_ENDED_BY_PARTNER = "CONNECTION_ENDED_BY_PARTNER",
  TRIAL_EXPIRING = "TRIAL_EXPIRING",
  ENTITLEMENT_EXPIRING = "ENTITLEMENT_EXPIRING",
  SUPPORT = "SUPPORT",
  GOAL = "GOAL",
  CONSENT_CHANGED = "CONSENT_CHANGED",
  CONSENT_ENDED = "CONSENT_ENDED",
  RENEWAL_DUE = "RENEWAL_DUE",
  REMINDER = "REMINDER",
  RESELL = "RESELL",
  PRICE_CHANGE = "PRICE_CHANGE",
}
registerEnumType(NotificationCategory, { name: "NotificationCategory" });

/**
 * Something an organization (the recipient) is told. Names are identity's: a notification keeps
 * the related organization's id and a generic title; the gateway resolves the name.
 */
@Entity("notification")
@Index(["organizationId", "createdAt"])
@Index(["recipientUserId", "createdAt"])
@Index("IDX_notification_created", ["createdAt"])
@ObjectType({ description: "A notice to an organization" })
export class Notification {
  @PrimaryColumn({ type: "varchar", length: 20 })
  @Field(() => ID)
  id: string;

  /** The recipient. */
  @Column({ name: "organization_id", type: "varchar", length: 20 })
  organizationId: string;

  @Column({ type: "varchar", length: 40 })
  @Field(() => NotificationCategory)
  category: NotificationCategory;

  @Column({ type: "varchar", length: 200 })
  @Field()
  title: string;

  @Column({ type: "text" })
  @Field()
  body: string;

  /**
   * A notice to one person of the organization (its renewal contact): shown to that person only, wherever they see
   * the organization's notifications. Null: to everyone who sees them.
   */
  @Column({ name: "recipient_user_id", type: "varchar", length: 20, nullable: true })
  recipientUserId: string | null;

  @Column({ name: "related_organization_id", type: "varchar", length: 20, nullable: true })
  relatedOrganizationId: string | null;

  /** The event it was made from, if any (the applied_event log already makes delivery idempotent). */
  @Column({ name: "source_event_id", type: "varchar", length: 36, nullable: true })
  sourceEventId: string | null;

  @CreatedAtColumn("created_at")
  @Field()
  createdAt: Date;
}

/** One organization has hidden one notification for itself; others (the recipient) still see it. */
@Entity("notification_dismissal")
@Index(["notificationId", "organizationId"], { unique: true })
export class NotificationDismissal {
  @PrimaryColumn({ type: "varchar", length: 20 })
  id: string;

  @Column({ name: "notification_id", type: "varchar", length: 20 })
  notificationId: string;

  @Column({ name: "organization_id", type: "varchar", length: 20 })
  organizationId: string;

  @Column({ name: "dismissed_by_user_id", type: "varchar", length: 20 })
  dismissedByUserId: string;

  @CreatedAtColumn("dismissed_at")
  dismissedAt: Date;
}
