import { CreatedAtColumn } from "@partnergraph/kit";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { User } from "../shared/stubs";

export enum ContactRole {
  TECHNICAL = "TECHNICAL",
  RENEWAL = "RENEWAL",
  CONTRACT_ADMINISTRATION = "CONTRACT_ADMINISTRATION",
}
registerEnumType(ContactRole, { name: "ContactRole" });

/**
 * A person a customer names for a role: one of its own people, a partner's person or another
 * third party acting on its behalf. People are identity's; only their id is kept here.
 */
@Entity("contact")
@Index(["organizationId", "userId", "role"], { unique: true })
@ObjectType({ description: "A customer's named contact" })
export class Contact {
  @PrimaryColumn({ type: "varchar", length: 20 })
  @Field(() => ID, { nullable: true, description: "Null for the computed renewal contact" })
  id: string;

  @Column({ name: "organization_id", type: "varchar", length: 20 })
  organizationId: string;

  @Column({ name: "user_id", type: "varchar", length: 20 })
  userId: string;

  @Column({ type: "varchar", length: 30 })
  @Field(() => ContactRole)
  role: ContactRole;

  @Column({ name: "named_by_user_id", type: "varchar", length: 20 })
  namedByUserId: string;

  @CreatedAtColumn("created_at")
  createdAt: Date;

  @Field(() => User)
  user: User;

  @Field({
    description:
      "True for a renewal contact assigned automatically (no one is named RENEWAL: the most frequent contact)",
  })
  assigned: boolean;
}
