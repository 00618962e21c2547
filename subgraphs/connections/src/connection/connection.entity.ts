import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

export enum ConnectionStatus {
  ACTIVE = "ACTIVE",
  TERMINATED = "TERMINATED",
}
registerEnumType(ConnectionStatus, { name: "ConnectionStatus" });

@Entity("connection")
@Index(["partnerId", "status"])
@Index(["customerId", "status"])
@ObjectType({ description: "A partner–customer connection; history is kept, reconnecting makes a new one" })
export class Connection {
  @PrimaryColumn({ type: "varchar", length: 20 })
  @Field(() => ID)
  id: string;

  @Column({ name: "partner_id", type: "varchar", length: 20 })
  partnerId: string;

  @Column({ name: "customer_id", type: "varchar", length: 20 })
  customerId: string;

  @Column({ type: "varchar", length: 12 })
  @Field(() => ConnectionStatus)
  status: ConnectionStatus;

  @Column({ name: "connected_at", type: "datetime", precision: 3 })
  @Field()
  connectedAt: Date;
}
