import { Kind, parse, print } from "graphql";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const OPERATIONS = join(__dirname, "..", "..", "schema", "operations");

/** One operation of the client contract (schema/operations), alone in its document, as a client sends it. */
export function contractOperation(name: string): string {
  for (const file of readdirSync(OPERATIONS).filter((f) => f.endsWith(".graphql"))) {
    const document = parse(readFileSync(join(OPERATIONS, file), "utf8"));
    const operation = document.definitions.find(
      (definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.name?.value === name,
    );
    if (!operation) continue;
    const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
    return print({ kind: Kind.DOCUMENT, definitions: [operation, ...fragments] });
  }
  throw new Error(`no contract operation named ${name} in ${OPERATIONS}`);
}
