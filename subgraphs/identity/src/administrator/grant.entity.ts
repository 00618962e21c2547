import { CreatedAtColumn } from "@partnergraph/kit";
import { ArrayNotEmpty, IsEmail, IsOptional, Matches } from "class-validator";
import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

export enum AdministratorAccess {
  FULL = "FULL",
  CUSTOM = "CUSTOM",
}
registerEnumType(AdministratorAccess, {
  name: "AdministratorAccess",
  description: "FULL: the whole account; CUSTOM: the listed services only",
});

export enum GrantStatus {
  PENDING = "PENDING",
  ACCEPTED = "ACCEPTED",
  DECLINED = "DECLINED",
  REVOKED = "REVOKED",
}
registerEnumType(GrantStatus, { name: "AdministratorGrantStatus" });

@Entity("administrator_grant")
@Index(["organizationId", "status"])
@Index(["email", "status"])
@Index(["granteeUserId", "status"])
@ObjectType("AdministratorGrant", {
  description: "A customer's invitation (then grant) for someone to administer its account",
})
export class AdministratorGrant {
  @PrimaryColumn({ type: "varchar", length: 20 })
  @Field(() => ID)
  id: string;

  /** The customer organization being administered. */
  @Column({ name: "organization_id", type: "varchar", length: 20 })
  organizationId: string;

  @Column({ type: "varchar", length: 254 })
  @Field()
  email: string;

  @Column({ type: "varchar", length: 10 })
  @Field(() => AdministratorAccess)
  access: AdministratorAccess;

  @Column({ name: "service_codes", type: "simple-json" })
  @Field(() => [String], { description: "With CUSTOM access: the services this administrator manages" })
  serviceCodes: string[];

  @Column({ type: "varchar", length: 10 })
  @Field(() => GrantStatus)
  status: GrantStatus;

  @Column({ name: "invited_by_user_id", type: "varchar", length: 20, nullable: true })
  invitedByUserId: string | null;

  @Column({ name: "grantee_user_id", type: "varchar", length: 20, nullable: true })
  granteeUserId: string | null;

  @CreatedAtColumn("invited_at")
  @Field()
  invitedAt: Date;

  @Column({ name: "responded_at", type: "datetime", precision: 3, nullable: true })
  @Field(() => Date, { nullable: true })
  respondedAt: Date | null;

  /** Chosen by the customer: from then on the grant lets nobody act for it. Null: until revoked. */
  @Index()
  @Column({ name: "ends_at", type: "datetime", precision: 3, nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: "When the grant ends, as the customer chose (null: until revoked)",
  })
  endsAt: Date | null;
}

/** Whether an ACCEPTED grant still lets its holder act at `now`. */
export const grantInForce = (grant: Pick<AdministratorGrant, "status" | "endsAt">, now = new Date()) =>
  grant.status === GrantStatus.ACCEPTED && (!grant.endsAt || grant.endsAt > now);

@InputType()
export class InviteAdministratorInput {
  @Field()
  @IsEmail({}, { message: "email must be an email address" })
  email: string;

  @Field(() => AdministratorAccess)
  access: AdministratorAccess;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayNotEmpty({ message: "serviceCodes must name at least one service" })
  @Matches(/^[A-Z0-9_-]{2,40}$/, { each: true, message: "serviceCodes must be service codes such as SDWAN" })
  serviceCodes?: string[] | null;

  @Field(() => Date, {
    nullable: true,
    description: "When the grant ends (in the future); null or left out: until revoked",
  })
  @IsOptional()
  endsAt?: Date | null;
}
