import { CreatedAtColumn } from "@partnergraph/kit";
import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { MembershipStatus, PartnerProgramCode, PartnerTier } from "./program.enums";

@Entity("program_membership")
@Index(["organizationId", "program"])
@ObjectType({ description: "An organization's enrolment in a partner program for a period" })
export class ProgramMembership {
  @PrimaryColumn({ type: "varchar", length: 20 })
  @Field(() => ID)
  id: string;

  @Column({ name: "organization_id", type: "varchar", length: 20 })
  organizationId: string;

  @Column({ type: "varchar", length: 40 })
  @Field(() => PartnerProgramCode)
  program: PartnerProgramCode;

  @Column({ type: "varchar", length: 20, nullable: true })
  @Field(() => PartnerTier, { nullable: true })
  tier: PartnerTier | null;

  @Column({ name: "starts_at", type: "datetime", precision: 3 })
  @Field()
  startsAt: Date;

  @Column({ name: "ends_at", type: "datetime", precision: 3, nullable: true })
  @Field(() => Date, { nullable: true })
  endsAt: Date | null;

  @Column({ name: "revoked_at", type: "datetime", precision: 3, nullable: true })
  revokedAt: Date | null;

  @Column({ name: "granted_by_user_id", type: "varchar", length: 20, nullable: true })
  grantedByUserId: string | null;

  @CreatedAtColumn("created_at")
  createdAt: Date;

  @Field(() => MembershipStatus)
  status(now = new Date()): MembershipStatus {
    if (this.revokedAt) return MembershipStatus.REVOKED;
    if (this.startsAt > now) return MembershipStatus.SCHEDULED;
    if (this.endsAt && this.endsAt <= now) return MembershipStatus.EXPIRED;
    return MembershipStatus.ACTIVE;
  }
}

/** SQL true for a membership (alias `m`) that is ACTIVE at `:now`, as ProgramMembership.status computes it. */
export const ACTIVE_MEMBERSHIP_SQL =
  "m.revoked_at IS NULL AND m.starts_at <= :now AND (m.ends_at IS NULL OR m.ends_at > :now)";

@ObjectType({ description: "A partner-program badge, shown while a membership is active" })
export class Badge {
  @Field(() => PartnerProgramCode)
  program: PartnerProgramCode;

  @Field(() => PartnerTier, { nullable: true })
  tier: PartnerTier | null;
}
