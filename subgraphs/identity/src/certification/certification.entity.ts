import { Length } from "class-validator";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

@Entity("certification")
@ObjectType({ description: "A person's certification in one of the vendor's products" })
export class Certification {
  @PrimaryColumn({ type: "varchar", length: 20 })
  @Field(() => ID)
  id: string;

  @Index()
  @Column({ name: "user_id", type: "varchar", length: 20 })
  userId: string;

  @Column({ type: "varchar", length: 100 })
  @Field()
  product: string;

  @Column({ type: "varchar", length: 50 })
  @Field()
  level: string;

  @Column({ name: "achieved_at", type: "datetime", precision: 3 })
  @Field()
  achievedAt: Date;

  @Column({ name: "expires_at", type: "datetime", precision: 3, nullable: true })
  @Field(() => Date, { nullable: true })
  expiresAt: Date | null;

  @Field()
  current(): boolean {
    return isCurrent(this);
  }
}

export function isCurrent(certification: Pick<Certification, "achievedAt" | "expiresAt">, now = new Date()): boolean {
  return certification.achievedAt <= now && (!certification.expiresAt || certification.expiresAt > now);
}

@InputType()
export class RecordCertificationInput {
  @Field(() => ID)
  userId: string;

  @Field()
  @Length(1, 100)
  product: string;

  @Field()
  @Length(1, 50)
  level: string;

  @Field()
  achievedAt: Date;

  @Field(() => Date, { nullable: true })
  expiresAt?: Date | null;
}
