import { Directive, Field, ID, ObjectType } from "type-graphql";

/** Identity owns organizations; this subgraph adds what it knows of their connections. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Organization {
  @Field(() => ID)
  id: string;
}
