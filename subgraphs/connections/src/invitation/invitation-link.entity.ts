import { CreatedAtColumn } from "@partnergraph/kit";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/** A badged partner's one invitation link: created on first request, never changed, never expiring. */
@Entity("invitation_link")
export class InvitationLink {
  /** One per partner: the primary key decides concurrent first requests. */
  @PrimaryColumn({ name: "partner_id", type: "varchar", length: 20 })
  partnerId: string;

  @Index({ unique: true })
  @Column({ type: "varchar", length: 64 })
  token: string;

  @CreatedAtColumn("created_at")
  createdAt: Date;
}
