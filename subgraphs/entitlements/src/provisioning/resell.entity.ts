import { CreatedAtColumn } from "@partnergraph/kit";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

export enum ResellStatus {
  PENDING = "PENDING",
  APPROVED = "APPROVED",
  DECLINED = "DECLINED",
  WITHDRAWN = "WITHDRAWN",
  REVOKED = "REVOKED",
}
registerEnumType(ResellStatus, {
  name: "ResellStatus",
  description:
    "PENDING until the vendor decides or the partner withdraws it; only APPROVED lets the partner resell, until the vendor revokes it. A DECLINED, WITHDRAWN or REVOKED request is closed: the partner may ask again",
});

/**
 * A partner's request to resell a service ("Resell" on the service tile), which the vendor approves or declines.
 * Approved, the service is provisioned for the partner and it may place orders for it as reseller.
 */
@Entity("resell_registration")
@Index(["organizationId", "serviceCode"])
@Index(["status", "requestedAt", "id"])
@Index(["requestedAt", "id"])
@ObjectType({ description: "A partner's request to resell a service, and the vendor's decision" })
export class ResellRegistration {
  @PrimaryColumn({ type: "varchar", length: 20 })
  @Field(() => ID)
  id: string;

  @Column({ name: "organization_id", type: "varchar", length: 20 })
  organizationId: string;

  @Column({ name: "service_code", type: "varchar", length: 40 })
  serviceCode: string;

  @Column({ type: "varchar", length: 10 })
  @Field(() => ResellStatus)
  status: ResellStatus;

  /**
   * "organizationId:serviceCode" while PENDING or APPROVED, NULL once closed (DECLINED, WITHDRAWN, REVOKED). Unique: the database itself
   * admits one open request (or approval) per partner and service, however many ask at once.
   */
  @Index({ unique: true })
  @Column({ name: "open_key", type: "varchar", length: 64, nullable: true })
  openKey: string | null;

  @Column({ name: "registered_by_user_id", type: "varchar", length: 20 })
  requestedByUserId: string;

  @CreatedAtColumn("registered_at")
  @Field({ description: "When the partner asked" })
  requestedAt: Date;

  @Column({ name: "decided_at", type: "datetime", precision: 3, nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: "When the vendor approved or declined it, or the partner withdrew it",
  })
  decidedAt: Date | null;

  @Column({ name: "decided_by_user_id", type: "varchar", length: 20, nullable: true })
  decidedByUserId: string | null;

  @Column({ name: "decision_reason", type: "varchar", length: 500, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "The vendor's reason for approving or declining, if it gave one",
  })
  reason: string | null;

  @Column({ name: "revoked_at", type: "datetime", precision: 3, nullable: true })
  @Field(() => Date, { nullable: true, description: "When the vendor revoked the approved right" })
  revokedAt: Date | null;

  @Column({ name: "revoked_by_user_id", type: "varchar", length: 20, nullable: true })
  revokedByUserId: string | null;

  @Column({ name: "revocation_reason", type: "varchar", length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: "Why the vendor revoked it (told to the partner)" })
  revocationReason: string | null;
}

export const resellOpenKey = (organizationId: string, serviceCode: string) => `${organizationId}:${serviceCode}`;
