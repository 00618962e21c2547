import { CreatedAtColumn } from "@partnergraph/kit";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { User } from "../shared/stubs";
import { PartnerTier } from "./agreement.tiers";

/** A partner's paid support with the vendor for one membership year. */
@Entity("partner_support_agreement")
@Index(["partnerId", "periodStart"], { unique: true })
@ObjectType({ description: "A partner's support agreement with the vendor for one membership year" })
export class PartnerSupportAgreement {
  @PrimaryColumn({ type: "varchar", length: 20 })
  @Field(() => ID)
  id: string;

  @Column({ name: "partner_id", type: "varchar", length: 20 })
  partnerId: string;

  @Column({ type: "varchar", length: 12 })
  @Field(() => PartnerTier)
  tier: PartnerTier;

  @Column({ name: "period_start", type: "datetime", precision: 3 })
  @Field()
  periodStart: Date;

  /** Exclusive: the agreement covers [periodStart, periodEnd). */
  @Column({ name: "period_end", type: "datetime", precision: 3 })
  @Field()
  periodEnd: Date;

  /** The base pool; add-on packs come on top and end with the period (no rollover). */
  @Column({ name: "base_incidents", type: "int" })
  @Field(() => Int)
  baseIncidents: number;

  @Column({ name: "annual_fee", type: "int" })
  @Field(() => Int, { description: "Annual fee in minor units (cents) of currency" })
  annualFee: number;

  @Column({ type: "varchar", length: 3 })
  @Field()
  currency: string;

  @Column({ name: "created_by_user_id", type: "varchar", length: 20 })
  createdByUserId: string;

  @CreatedAtColumn("created_at")
  createdAt: Date;
}

/** An add-on incident pack bought during the period, on top of the base pool. */
@Entity("incident_pack")
@Index(["agreementId"])
@ObjectType()
export class IncidentPack {
  @PrimaryColumn({ type: "varchar", length: 20 })
  @Field(() => ID)
  id: string;

  @Column({ name: "agreement_id", type: "varchar", length: 20 })
  agreementId: string;

  @Column({ type: "int" })
  @Field(() => Int)
  incidents: number;

  @Column({ name: "purchased_by_user_id", type: "varchar", length: 20 })
  purchasedByUserId: string;

  @CreatedAtColumn("purchased_at")
  @Field()
  purchasedAt: Date;
}

/** A support PIN belongs to one person for good: it is never moved to someone else. */
@Entity("support_pin")
export class SupportPin {
  @PrimaryColumn({ type: "varchar", length: 12 })
  pin: string;

  @Index({ unique: true })
  @Column({ name: "user_id", type: "varchar", length: 20 })
  userId: string;

  @Column({ name: "partner_id", type: "varchar", length: 20 })
  partnerId: string;

  @CreatedAtColumn("created_at")
  createdAt: Date;
}

/**
 * A certified technical contact named on an agreement, with their PIN. The products they are
 * certified in are stored here as service codes, each checked against the person's current
 * certifications in identity when the contact is named; a case is accepted only for one of them.
 */
@Entity("named_support_contact")
@Index(["agreementId", "userId"], { unique: true })
@ObjectType({ description: "A partner's named technical contact with a support PIN" })
export class NamedSupportContact {
  @PrimaryColumn({ type: "varchar", length: 20 })
  @Field(() => ID)
  id: string;

  @Column({ name: "agreement_id", type: "varchar", length: 20 })
  agreementId: string;

  @Column({ name: "user_id", type: "varchar", length: 20 })
  userId: string;

  @Column({ type: "varchar", length: 12 })
  @Field({ description: "Personal and never transferable" })
  pin: string;

  @Column({ name: "certified_products", type: "simple-json" })
  @Field(() => [String], { description: "Service codes the contact is certified in: support covers only these" })
  certifiedProducts: string[];

  @CreatedAtColumn("created_at")
  createdAt: Date;

  @Field(() => User)
  user(): User {
    return { id: this.userId };
  }
}

/** A support case a partner's named contact opened against the incident pool. */
@Entity("partner_support_case")
@Index(["agreementId", "openedAt"])
@ObjectType({ description: "A partner's support case, counted against its incident pool" })
export class PartnerSupportCase {
  @PrimaryColumn({ type: "varchar", length: 20 })
  @Field(() => ID)
  id: string;

  @Column({ name: "agreement_id", type: "varchar", length: 20 })
  agreementId: string;

  @Column({ type: "varchar", length: 12 })
  @Field()
  pin: string;

  @Column({ name: "user_id", type: "varchar", length: 20 })
  userId: string;

  @Column({ name: "service_code", type: "varchar", length: 40 })
  @Field()
  serviceCode: string;

  @Column({ type: "varchar", length: 200 })
  @Field()
  title: string;

  @Column({ name: "product_bug", type: "boolean", default: false })
  @Field({ description: "Found to be a product bug: still counts, until a case review credits it back" })
  productBug: boolean;

  @Column({ name: "credited_at", type: "datetime", precision: 3, nullable: true })
  @Field(() => Date, { nullable: true, description: "Credited back to the pool by a case review" })
  creditedAt: Date | null;

  @CreatedAtColumn("opened_at")
  @Field()
  openedAt: Date;
}
