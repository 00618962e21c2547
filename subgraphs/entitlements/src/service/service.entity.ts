import { Directive, Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

@Entity("service")
@ObjectType({ description: "One of the vendor's cloud services" })
@Directive('@key(fields: "code")')
export class Service {
  @PrimaryColumn({ type: "varchar", length: 40 })
  @Field()
  code: string;

  @Column({ type: "varchar", length: 120 })
  @Field()
  name: string;

  @Column({ name: "trial_days", type: "int" })
  @Field(() => Int, { description: "Length of a trial in days" })
  trialDays: number;

  @Column({ type: "boolean" })
  @Field({ description: "Partners may resell it" })
  resellable: boolean;

  @Column({ name: "license_unit", type: "varchar", length: 20 })
  @Field({ description: "What a license counts: USER, DEVICE, SITE…" })
  licenseUnit: string;
}
