import { CreatedAtColumn } from "@partnergraph/kit";
import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/** The vendor's notice that a service's price changes from a day on; its holders and their renewal contacts are told. */
@Entity("price_change")
@Index(["serviceCode", "announcedAt"])
@Index(["announcedAt", "id"])
@ObjectType({ description: "The vendor's announcement of a price change of a service" })
export class PriceChange {
  @PrimaryColumn({ type: "varchar", length: 20 })
  @Field(() => ID)
  id: string;

  @Column({ name: "service_code", type: "varchar", length: 40 })
  serviceCode: string;

  @Column({ name: "effective_on", type: "datetime", precision: 3 })
  @Field({ description: "When the new price applies" })
  effectiveOn: Date;

  @Column({ type: "varchar", length: 300 })
  @Field({ description: "What changes, in the vendor's words" })
  summary: string;

  @Column({ name: "announced_by_user_id", type: "varchar", length: 20 })
  announcedByUserId: string;

  /** The organizations holding the service when it was announced, each told. */
  @Column({ name: "holders_told", type: "int", default: 0 })
  holdersTold: number;

  @CreatedAtColumn("announced_at")
  @Field()
  announcedAt: Date;
}
