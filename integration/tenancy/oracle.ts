import { getNamedType, GraphQLSchema, isEnumType, isLeafType, isObjectType } from "graphql";
import { Audiences, PROFILE_AUDIENCE, STRANGER_AUDIENCES } from "./matrix";

/**
 * The oracle: which values of the victims' are secrets, and whether a response shows one. A value is a secret
 * when it was read at a field whose matrix row grants no audience a stranger holds, it is distinctive (a string
 * or number of 8 characters or more that is no enum value or timestamp), no public field or public profile shows
 * it too (a partner's person's email is public, even where a customer's grant list names it), and the control
 * victims (seeded the same way) do not hold it as well (then it is text the system writes for everyone).
 */

/** One value read at `type.field`, with the organization or person it belongs to. */
export interface Reading {
  type: string;
  field: string;
  /** The field's scalar type: ID, String, Money… */
  scalar: string;
  value: string;
  /** The id of the nearest Organization or User the value was read under. */
  owner: string | null;
}

const PROFILED = new Set(["Organization", "User"]);

/** Every leaf value of a response's data, walking it with the schema (every object carries __typename). */
export function readingsOf(schema: GraphQLSchema, data: unknown): Reading[] {
  const out: Reading[] = [];
  const walk = (value: unknown, owner: string | null): void => {
    if (Array.isArray(value)) return value.forEach((item) => walk(item, owner));
    if (!value || typeof value !== "object") return;
    const object = value as Record<string, unknown>;
    const type = typeof object.__typename === "string" ? schema.getType(object.__typename) : null;
    if (!type || !isObjectType(type)) {
      for (const child of Object.values(object)) walk(child, owner);
      return;
    }
    const here = PROFILED.has(type.name) && typeof object.id === "string" ? object.id : owner;
    const fields = type.getFields();
    for (const [name, child] of Object.entries(object)) {
      const field = fields[name];
      if (!field || name === "__typename") continue;
      const named = getNamedType(field.type);
      if (!isLeafType(named)) {
        walk(child, here);
        continue;
      }
      for (const leaf of [child].flat() as (string | number | boolean | null)[]) {
        if (leaf === null || leaf === undefined) continue;
        out.push({ type: type.name, field: name, scalar: named.name, value: String(leaf), owner: here });
      }
    }
  };
  walk(data, null);
  return out;
}

/** Names of every enum value of the schemas: a status or a tier is never a secret on its own. */
export function enumValues(schemas: GraphQLSchema[]): Set<string> {
  const names = new Set<string>();
  for (const schema of schemas)
    for (const type of Object.values(schema.getTypeMap()))
      if (isEnumType(type)) for (const v of type.getValues()) names.add(v.name);
  return names;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T/;

/** Badged partners and the vendor, and the people of badged partners: their profile is public. */
export interface PublicProfiles {
  owners: Set<string>;
  /** What their profiles show: names, ids, partners' people's emails. */
  values: Set<string>;
}

export class SecretBook {
  constructor(
    private readonly audiences: Audiences,
    private readonly enums: Set<string>,
    private readonly profiles: PublicProfiles,
  ) {}

  /** Whether a stranger may read this value: a stranger's audience, or the public profile of a partner. */
  isPublic(reading: Reading, anonymous: boolean): boolean {
    const audiences = this.audiences.of(reading.type, reading.field);
    const held = anonymous ? STRANGER_AUDIENCES.anonymous : STRANGER_AUDIENCES.signedIn;
    if (audiences.some((a) => held.has(a))) return true;
    return (
      !anonymous &&
      audiences.includes(PROFILE_AUDIENCE) &&
      reading.owner !== null &&
      this.profiles.owners.has(reading.owner)
    );
  }

  distinctive(value: string): boolean {
    return value.length >= 8 && !this.enums.has(value) && !TIMESTAMP.test(value);
  }

  /** The victims' secrets (value → where it was read) for a signed-in or an anonymous caller. */
  secrets(victims: Reading[], control: Reading[], anonymous: boolean): Map<string, Reading> {
    const shown = new Set([
      ...victims.filter((r) => this.isPublic(r, anonymous)).map((r) => r.value),
      ...control.map((r) => r.value),
      ...(anonymous ? [] : this.profiles.values),
    ]);
    const secrets = new Map<string, Reading>();
    for (const reading of victims) {
      if (this.isPublic(reading, anonymous) || !this.distinctive(reading.value) || shown.has(reading.value)) continue;
      if (!secrets.has(reading.value)) secrets.set(reading.value, reading);
    }
    return secrets;
  }
}

/** The secrets a response shows that its own request did not carry and the actor does not know. */
export function leaksIn(
  response: string,
  request: string,
  secrets: Map<string, Reading>,
  known: Set<string>,
): Reading[] {
  const found: Reading[] = [];
  for (const [value, reading] of secrets)
    if (response.includes(value) && !request.includes(value) && !known.has(value)) found.push(reading);
  return found;
}

/** The secrets a request carries: once a mutation that carried them succeeded, the actor's data may hold them. */
export function secretsIn(request: string, secrets: Map<string, Reading>): string[] {
  return [...secrets.keys()].filter((value) => request.includes(value));
}
