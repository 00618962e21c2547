import { CreatedAtColumn } from "@partnergraph/kit";
import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { bigintNumber, MoneyScalar } from "../money/money.scalar";

/** A purchase by a customer organization, directly from the vendor or through a reseller. */
@Entity("customer_order")
@Index(["organizationId", "placedAt"])
// Bookings a partner resold, by period (Partner 360): WHERE reseller_id = ? AND placed_at BETWEEN …
@Index(["resellerId", "placedAt"])
@ObjectType("Order", {
  description: "A customer's order: lines of services, a total, and the reseller that sold it (if any)",
})
export class Order {
  @PrimaryColumn({ type: "varchar", length: 20 })
  @Field(() => ID)
  id: string;

  @Index({ unique: true })
  @Column({ type: "varchar", length: 20 })
  @Field({ description: 'Human-readable order number, e.g. "SO-2611-7K3M9Q"' })
  number: string;

  /** The customer organization that bought. */
  @Column({ name: "organization_id", type: "varchar", length: 20 })
  organizationId: string;

  /** The partner organization that resold it, or null for a direct sale. */
  @Column({ name: "reseller_id", type: "varchar", length: 20, nullable: true })
  resellerId: string | null;

  @Column({ name: "placed_at", type: "datetime", precision: 3 })
  @Field()
  placedAt: Date;

  @Column({ type: "varchar", length: 3 })
  @Field({ description: "ISO 4217 currency code" })
  currency: string;

  /** Sum over lines of quantity × unit price × term months, in minor units (cents). */
  @Column({ name: "total_cents", type: "bigint", transformer: bigintNumber })
  @Field(() => MoneyScalar, { name: "total", description: "Sum over the lines of quantity × unitPrice × termMonths" })
  totalCents: number;

  @Column({ name: "placed_by_user_id", type: "varchar", length: 20 })
  placedByUserId: string;

  @CreatedAtColumn("created_at")
  createdAt: Date;
}
