import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

export enum EntitlementStatus {
  ACTIVE = "ACTIVE",
  EXPIRED = "EXPIRED",
}
registerEnumType(EntitlementStatus, {
  name: "EntitlementStatus",
  description: "ACTIVE until expiresAt, EXPIRED after (computed when read)",
});

/** What an organization is entitled to of one service: created by its first order, extended by later ones. */
@Entity("entitlement")
@Index(["organizationId", "serviceCode"], { unique: true })
@Index(["expiresAt"])
@ObjectType({ description: "Licenses an organization holds for a service, created and extended by orders" })
export class Entitlement {
  @PrimaryColumn({ type: "varchar", length: 20 })
  @Field(() => ID)
  id: string;

  @Column({ name: "organization_id", type: "varchar", length: 20 })
  organizationId: string;

  @Column({ name: "service_code", type: "varchar", length: 40 })
  serviceCode: string;

  @Column({ name: "license_count", type: "int" })
  @Field(() => Int)
  licenseCount: number;

  @Column({ name: "unit", type: "varchar", length: 20 })
  @Field({ description: "What a license counts: USER, DEVICE, SITE…" })
  unit: string;

  @Column({ name: "starts_at", type: "datetime", precision: 3 })
  @Field()
  startsAt: Date;

  @Column({ name: "expires_at", type: "datetime", precision: 3 })
  @Field()
  expiresAt: Date;

  /** No longer written: reminders are claimed in the reminder_sent ledger per end and lead time. Dropped later with the bench seed that still fills it. */
  @Column({ name: "expiry_announced_at", type: "datetime", precision: 3, nullable: true })
  expiryAnnouncedAt: Date | null;
}

export function entitlementStatus(entitlement: Pick<Entitlement, "expiresAt">, now = new Date()): EntitlementStatus {
  return entitlement.expiresAt.getTime() > now.getTime() ? EntitlementStatus.ACTIVE : EntitlementStatus.EXPIRED;
}
