import { CreatedAtColumn } from "@partnergraph/kit";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { MemberRole } from "../user/user.entity";

/**
 * A person invited to join an organization (the first administrator of a customer a partner added):
 * they join it as `role` when they first sign in with this email.
 */
@Entity("member_invitation")
@Index(["email", "acceptedAt"])
export class MemberInvitation {
  @PrimaryColumn({ type: "varchar", length: 20 })
  id: string;

  @Column({ name: "organization_id", type: "varchar", length: 20 })
  organizationId: string;

  @Column({ type: "varchar", length: 254 })
  email: string;

  @Column({ name: "display_name", type: "varchar", length: 200 })
  displayName: string;

  @Column({ type: "varchar", length: 10 })
  role: MemberRole;

  @Column({ name: "invited_by_user_id", type: "varchar", length: 20, nullable: true })
  invitedByUserId: string | null;

  @CreatedAtColumn("created_at")
  createdAt: Date;

  @Column({ name: "accepted_at", type: "datetime", precision: 3, nullable: true })
  acceptedAt: Date | null;

  @Column({ name: "accepted_by_user_id", type: "varchar", length: 20, nullable: true })
  acceptedByUserId: string | null;
}
