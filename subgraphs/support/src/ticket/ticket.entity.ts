import { CreatedAtColumn } from "@partnergraph/kit";
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

export enum TicketStatus {
  OPEN = "OPEN",
  IN_PROGRESS = "IN_PROGRESS",
  WAITING_ON_CUSTOMER = "WAITING_ON_CUSTOMER",
  RESOLVED = "RESOLVED",
  CLOSED = "CLOSED",
}
registerEnumType(TicketStatus, { name: "TicketStatus" });

/** Languages a case may be worked in: English always; German, French and Spanish where possible. */
export const TICKET_LANGUAGES = ["en", "de", "fr", "es"] as const;

@Entity("ticket")
@Index(["organizationId", "status", "createdAt"])
@Index(["organizationId", "createdAt"])
@ObjectType({ description: "A customer's support case" })
@Directive('@key(fields: "id")')
export class SupportTicket {
  @PrimaryColumn({ type: "varchar", length: 20 })
  @Field(() => ID)
  id: string;

  @Index({ unique: true })
  @Column({ type: "varchar", length: 20 })
  @Field({ description: "Human-readable case number, e.g. CS-7K3M9Q2X" })
  number: string;

  /** The customer organization the case belongs to. */
  @Column({ name: "organization_id", type: "varchar", length: 20 })
  organizationId: string;

  @Column({ type: "varchar", length: 200 })
  @Field()
  title: string;

  @Column({ type: "text" })
  @Field()
  description: string;

  @Column({ name: "service_code", type: "varchar", length: 40, nullable: true })
  serviceCode: string | null;

  @Column({ type: "int" })
  @Field(() => Int, { description: "1 (critical) to 4 (low)" })
  severity: number;

  @Column({ type: "varchar", length: 24 })
  @Field(() => TicketStatus)
  status: TicketStatus;

  @Column({ type: "varchar", length: 2 })
  @Field({ description: "en, de, fr or es" })
  language: string;

  @Column({ name: "opened_by_user_id", type: "varchar", length: 20 })
  openedByUserId: string;

  @CreatedAtColumn("created_at")
  @Field()
  createdAt: Date;

  /** Set by the service on every change (an @UpdateDateColumn default does not port to MySQL's precision rules). */
  @Column({ name: "updated_at", type: "datetime", precision: 3 })
  @Field()
  updatedAt: Date;
}
