import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { bigintNumber, MoneyScalar } from "../money/money.scalar";

@Entity("order_line")
@Index(["orderId", "lineNumber"], { unique: true })
@ObjectType({ description: "One service on an order" })
export class OrderLine {
  @PrimaryColumn({ type: "varchar", length: 20 })
  id: string;

  @Column({ name: "order_id", type: "varchar", length: 20 })
  orderId: string;

  @Column({ name: "line_number", type: "int" })
  lineNumber: number;

  @Column({ name: "service_code", type: "varchar", length: 40 })
  serviceCode: string;

  @Column({ type: "int" })
  @Field(() => Int, { description: "Licenses bought" })
  quantity: number;

  @Column({ name: "term_months", type: "int" })
  @Field(() => Int)
  termMonths: number;

  /** Price of one license for one month, in minor units. */
  @Column({ name: "unit_price_cents", type: "bigint", transformer: bigintNumber })
  @Field(() => MoneyScalar, { name: "unitPrice", description: "Price of one license for one month" })
  unitPriceCents: number;
}
