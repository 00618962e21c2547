import { Supergraph } from "@apollo/federation-internals";
import { SCHEMA_DIR } from "@partnergraph/scripts";
import { GraphQLSchema, isObjectType } from "graphql";
import { load } from "js-yaml";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * schema/authorization.yaml: who may read each field of the API schema. Loaded for the completeness test and
 * for the tenancy oracle, which treats a value read at a field no stranger's audience covers as a secret.
 */
export interface AuthorizationMatrix {
  audiences: Record<string, string>;
  fields: Record<string, Record<string, string[]>>;
}

export const MATRIX_PATH = join(SCHEMA_DIR, "authorization.yaml");

export function loadMatrix(path = MATRIX_PATH): AuthorizationMatrix {
  return load(readFileSync(path, "utf8")) as AuthorizationMatrix;
}

/** The schema clients see: the composed supergraph without federation's own types and fields. */
export function apiSchema(): GraphQLSchema {
  return Supergraph.build(readFileSync(join(SCHEMA_DIR, "supergraph.graphql"), "utf8"))
    .apiSchema()
    .toGraphQLJSSchema();
}

/** "Type.field" for every field of every object type of a schema (root types included, introspection left out). */
export function objectFields(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !type.name.startsWith("__"))
    .flatMap((type) =>
      Object.keys((type as { getFields(): object }).getFields()).map((field) => `${type.name}.${field}`),
    );
}

export function matrixRows(matrix: AuthorizationMatrix): string[] {
  return Object.entries(matrix.fields).flatMap(([type, fields]) => Object.keys(fields).map((f) => `${type}.${f}`));
}

/** Audiences that every caller holds: nothing read at a field with one of these is a secret. */
export const STRANGER_AUDIENCES = {
  signedIn: new Set(["anyone", "signed-in"]),
  anonymous: new Set(["anyone"]),
};
/** Held by any signed-in caller about a badged partner's (or the vendor's) public profile and its people. */
export const PROFILE_AUDIENCE = "partner-profile";

export class Audiences {
  constructor(private readonly matrix: AuthorizationMatrix) {}

  of(type: string, field: string): string[] {
    const audiences = this.matrix.fields[type]?.[field];
    if (!audiences) throw new Error(`schema/authorization.yaml has no row for ${type}.${field}: add one`);
    return audiences;
  }
}
