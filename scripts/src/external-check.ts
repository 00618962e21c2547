import { apiSchemaSdl } from "@partnergraph/gateway";
import { buildSchema, DocumentNode, Kind, parse, validate } from "graphql";
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { composeSubgraphs, ownSubgraphs, SCHEMA_DIR, SubgraphSdl } from "./composition";

/** `--with billing=path/billing.graphql` or `--with path/billing.graphql` (named after the file). */
export function parseWith(argument: string): { name: string; path: string } {
  const [name, path] = argument.includes("=") ? argument.split("=", 2) : [basename(argument, ".graphql"), argument];
  if (!/^[a-z][a-z0-9-]{1,39}$/.test(name)) throw new Error(`--with ${argument}: the subgraph needs a lower-case name`);
  return { name, path };
}

/** The contract operations that validate against an API schema. */
function validOperations(apiSdl: string): Set<string> {
  const api = buildSchema(apiSdl);
  const valid = new Set<string>();
  for (const file of readdirSync(join(SCHEMA_DIR, "operations")).filter((f) => f.endsWith(".graphql"))) {
    for (const definition of parse(readFileSync(join(SCHEMA_DIR, "operations", file), "utf8")).definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.name) continue;
      const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [definition] };
      if (validate(api, document).length === 0) valid.add(definition.name.value);
    }
  }
  return valid;
}

/**
 * The composition check for subgraphs outside this repository: this repository's subgraphs plus theirs must
 * compose, and every contract operation that the API answers today must still validate. Writes nothing.
 * Returns the problems (none: it passes).
 */
export async function checkWith(external: { name: string; sdl: string }[]): Promise<string[]> {
  const ours = await ownSubgraphs();
  const taken = new Set(ours.map((s) => s.name));
  const clash = external
    .filter((s) => taken.has(s.name))
    .map((s) => `"${s.name}" is one of this repository's subgraphs`);
  if (clash.length) return clash;
  const theirs: SubgraphSdl[] = external.map(({ name, sdl }) => ({ name, sdl, url: `http://${name}/graphql` }));
  let supergraph: string;
  try {
    supergraph = composeSubgraphs([...ours, ...theirs]);
  } catch (error) {
    return [(error as Error).message];
  }
  const before = validOperations(readFileSync(join(SCHEMA_DIR, "api.graphql"), "utf8"));
  const after = validOperations(apiSchemaSdl(supergraph));
  return [...before]
    .filter((name) => !after.has(name))
    .map((name) => `the contract operation ${name} no longer validates`);
}
