import { CreatedAtColumn } from "@partnergraph/kit";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/** A partner registered to resell a service ("Resell" on the service tile); the service is provisioned for it. */
@Entity("resell_registration")
@Index(["organizationId", "serviceCode"], { unique: true })
export class ResellRegistration {
  @PrimaryColumn({ type: "varchar", length: 20 })
  id: string;

  @Column({ name: "organization_id", type: "varchar", length: 20 })
  organizationId: string;

  @Column({ name: "service_code", type: "varchar", length: 40 })
  serviceCode: string;

  @Column({ name: "registered_by_user_id", type: "varchar", length: 20 })
  registeredByUserId: string;

  @CreatedAtColumn("registered_at")
  registeredAt: Date;
}
