import type { DataArea } from "@partnergraph/kit";
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { ALL_AREAS, areasColumn } from "../consent/consent.type";

export enum ConnectionStatus {
  ACTIVE = "ACTIVE",
  TERMINATED = "TERMINATED",
}
registerEnumType(ConnectionStatus, { name: "ConnectionStatus" });

export enum ConnectionOrigin {
  INVITATION = "INVITATION",
  ADDED_BY_PARTNER = "ADDED_BY_PARTNER",
}
registerEnumType(ConnectionOrigin, {
  name: "ConnectionOrigin",
  description: "The customer accepted the partner's link, or the partner registered the customer",
});

export enum ConnectionSide {
  PARTNER = "PARTNER",
  CUSTOMER = "CUSTOMER",
}
registerEnumType(ConnectionSide, { name: "ConnectionSide", description: "Which side of a connection acted" });

/** The value of `activeKey` while a connection is ACTIVE: the unique index allows one per pair. */
export const activeKeyOf = (partnerId: string, customerId: string) => `${partnerId}:${customerId}`;

@Entity("connection")
@Index(["partnerId", "status", "customerName", "id"])
@Index(["customerId", "status"])
@ObjectType({ description: "A partner–customer connection; history is kept, reconnecting makes a new one" })
@Directive('@key(fields: "id")')
export class Connection {
  @PrimaryColumn({ type: "varchar", length: 20 })
  @Field(() => ID)
  id: string;

  @Column({ name: "partner_id", type: "varchar", length: 20 })
  partnerId: string;

  @Column({ name: "customer_id", type: "varchar", length: 20 })
  customerId: string;

  /**
   * "partnerId:customerId" while ACTIVE, NULL once terminated. MySQL has no partial unique index;
   * a unique index over a nullable column is one (NULLs never collide), so the database decides races.
   */
  @Index({ unique: true })
  @Column({ name: "active_key", type: "varchar", length: 41, nullable: true })
  activeKey: string | null;

  /** Identity owns the name; kept here so the dashboard sorts and searches by it in one query. */
  @Column({ name: "customer_name", type: "varchar", length: 200 })
  customerName: string;

  @Column({ type: "varchar", length: 12 })
  @Field(() => ConnectionStatus)
  status: ConnectionStatus;

  @Column({ type: "varchar", length: 20 })
  @Field(() => ConnectionOrigin)
  origin: ConnectionOrigin;

  @Column({ name: "connected_at", type: "datetime", precision: 3 })
  @Field()
  connectedAt: Date;

  @Column({ name: "terminated_at", type: "datetime", precision: 3, nullable: true })
  @Field(() => Date, { nullable: true })
  terminatedAt: Date | null;

  @Column({ name: "terminated_by", type: "varchar", length: 10, nullable: true })
  @Field(() => ConnectionSide, { nullable: true, description: "Which side ended it" })
  terminatedBy: ConnectionSide | null;

  @Column({ name: "terminated_by_user_id", type: "varchar", length: 20, nullable: true })
  terminatedByUserId: string | null;

  /** The areas the customer's consent shares with the partner: every area unless the customer chose otherwise. */
  @Column({ name: "consent_areas", type: "varchar", length: 100, default: ALL_AREAS, transformer: areasColumn })
  consentAreas: DataArea[];

  /** When the consent ends (it then shares nothing); null: no end. Indexed for the scanner that announces ends. */
  @Index()
  @Column({ name: "consent_until", type: "datetime", precision: 3, nullable: true })
  consentUntil: Date | null;

  /** When both sides were told the consent had ended; cleared when the customer sets a new consent. */
  @Column({ name: "consent_end_announced_at", type: "datetime", precision: 3, nullable: true })
  consentEndAnnouncedAt: Date | null;
}
