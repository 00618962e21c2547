import { Directive, Field, ID, ObjectType } from "type-graphql";

/** Identity owns organizations; this subgraph adds their trials, entitlements, orders and services. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Organization {
  @Field(() => ID)
  id: string;
}
