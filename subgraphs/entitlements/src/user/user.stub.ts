import { Directive, Field, ID, ObjectType } from "type-graphql";

/** Identity owns people (and decides who may see them); this subgraph points at them by id. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class User {
  @Field(() => ID)
  id: string;
}
