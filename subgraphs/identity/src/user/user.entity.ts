import { CreatedAtColumn } from "@partnergraph/kit";
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

export enum MemberRole {
  ADMIN = "ADMIN",
  MEMBER = "MEMBER",
}
registerEnumType(MemberRole, { name: "MemberRole", description: "A person's role in their home organization" });

@Entity("user")
@ObjectType({ description: "A person in the directory, keyed by the identity provider's subject" })
@Directive('@key(fields: "id")')
export class User {
  @PrimaryColumn({ type: "varchar", length: 20 })
  @Field(() => ID)
  id: string;

  /** The identity provider's `sub`: never shown, never changes. */
  @Index({ unique: true })
  @Column({ type: "varchar", length: 255 })
  subject: string;

  @Index()
  @Column({ type: "varchar", length: 254 })
  @Field()
  email: string;

  @Column({ name: "display_name", type: "varchar", length: 200 })
  @Field()
  displayName: string;

  @Index()
  @Column({ name: "organization_id", type: "varchar", length: 20, nullable: true })
  organizationId: string | null;

  @Column({ type: "varchar", length: 10, nullable: true })
  @Field(() => MemberRole, { nullable: true })
  role: MemberRole | null;

  @CreatedAtColumn("created_at")
  createdAt: Date;
}
