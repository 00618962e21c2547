import { Directive, Field, ID, ObjectType } from "type-graphql";

/** Identity owns organizations; this subgraph adds tickets, notifications and contacts to them. */
@ObjectType()
@Directive('@key(fields: "id")')
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

/** Entitlements owns the service catalog; referenced by code. */
@ObjectType()
@Directive('@key(fields: "code", resolvable: false)')
export class Service {
  @Field()
  code: string;
}

export const organizationRef = (id: string | null): Organization | null => (id ? { id } : null);
export const userRef = (id: string | null): User | null => (id ? { id } : null);
export const serviceRef = (code: string | null): Service | null => (code ? { code } : null);
