import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/**
 * One change someone made, as the subgraph that made it recorded it (kit recordAudit), kept here by the id of
 * the event that carried it: a second delivery of the event finds the entry and changes nothing.
 */
@Entity("audit_entry")
@Index("IDX_audit_entry_at", ["at", "id"])
@Index("IDX_audit_entry_target", ["targetOrganizationId", "at"])
@Index("IDX_audit_entry_acting", ["actingOrganizationId", "at"])
@Index("IDX_audit_entry_actor_organization", ["actorOrganizationId", "at"])
@ObjectType({ description: "Who did what, as which organization, to whom, and when" })
export class AuditEntry {
  @PrimaryColumn({ type: "varchar", length: 36 })
  @Field(() => ID)
  id: string;

  @Column({ type: "datetime", precision: 3 })
  @Field({ description: "When the change was made" })
  at: Date;

  @Column({ type: "varchar", length: 60 })
  @Field({ description: "What was done, e.g. connection.terminate (one action per mutation)" })
  action: string;

  @Column({ type: "varchar", length: 300 })
  @Field({ description: "One line in words" })
  summary: string;

  @Column({ name: "request_id", type: "varchar", length: 128, nullable: true })
  @Field(() => String, { nullable: true, description: "The request that made the change (x-request-id)" })
  requestId: string | null;

  @Column({ name: "actor_id", type: "varchar", length: 20, nullable: true })
  actorId: string | null;

  /** The actor's own organization: its people's actions are what a partner sees, also as a customer's administrator. */
  @Column({ name: "actor_organization_id", type: "varchar", length: 20, nullable: true })
  actorOrganizationId: string | null;

  @Column({ name: "acting_organization_id", type: "varchar", length: 20, nullable: true })
  actingOrganizationId: string | null;

  @Column({ name: "via_administrator_grant", type: "boolean", default: false })
  @Field({ description: "The actor acted as the organization through an administrator grant" })
  viaAdministratorGrant: boolean;

  @Column({ name: "grant_id", type: "varchar", length: 20, nullable: true })
  @Field(() => ID, {
    nullable: true,
    description: "The administrator grant the actor acted through (null: in their own name)",
  })
  grantId: string | null;

  @Column({ name: "target_organization_id", type: "varchar", length: 20, nullable: true })
  targetOrganizationId: string | null;

  @Column({ name: "subject_type", type: "varchar", length: 40 })
  @Field({ description: "What kind of thing changed, e.g. Connection" })
  subjectType: string;

  @Column({ name: "subject_id", type: "varchar", length: 64 })
  @Field()
  subjectId: string;
}
