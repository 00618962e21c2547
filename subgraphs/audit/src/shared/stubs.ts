import { Directive, Field, ID, ObjectType } from "type-graphql";

/** Identity owns organizations (and decides who may see them); the audit trail points at them by id. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Organization {
  @Field(() => ID)
  id: string;
}

/** Identity owns people (and decides who may see them); referenced by id. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class User {
  @Field(() => ID)
  id: string;
}

export const organizationRef = (id: string | null): Organization | null => (id ? { id } : null);
export const userRef = (id: string | null): User | null => (id ? { id } : null);
