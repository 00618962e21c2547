import { CreatedAtColumn } from "@partnergraph/kit";
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

@Entity("organization")
@ObjectType({ description: "A company: the vendor, a partner or a customer. Its id is the ORGID." })
@Directive('@key(fields: "id")')
export class Organization {
  @PrimaryColumn({ type: "varchar", length: 20 })
  @Field(() => ID)
  id: string;

  @Index()
  @Column({ type: "varchar", length: 200 })
  @Field()
  name: string;

  /** ISO 3166-1 alpha-2; read through the resolver, which checks access. */
  @Column({ type: "varchar", length: 2 })
  country: string;

  @Column({ name: "is_vendor", type: "boolean", default: false })
  isVendor: boolean;

  @CreatedAtColumn("created_at")
  createdAt: Date;
}
