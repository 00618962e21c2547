import { Kind, parse } from "graphql";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The client contract's operations (schema/operations/*.graphql), beside the kit in the repository and image. */
const CONTRACT_DIR = join(__dirname, "..", "..", "..", "..", "schema", "operations");
/** Without the contract at hand, the first this-many names seen are labels; later ones are "other". */
const CAP = 100;

let contract: Set<string> | null | undefined;
function contractNames(): Set<string> | null {
  if (contract !== undefined) return contract;
  if (!existsSync(CONTRACT_DIR)) return (contract = null);
  contract = new Set();
  for (const file of readdirSync(CONTRACT_DIR).filter((name) => name.endsWith(".graphql"))) {
    for (const definition of parse(readFileSync(join(CONTRACT_DIR, file), "utf8")).definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) contract.add(definition.name.value);
    }
  }
  return contract;
}

const seen = new Set<string>();

/**
 * A metric label for an operation name. Clients choose names freely, and every distinct label value is a new
 * time series, so only the contract's names are kept ("other" for the rest, "anonymous" without a name). The
 * gateway names a subgraph's part of a plan `<Operation>__<subgraph>__<n>`: subgraphs label it `<Operation>`.
 */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return "anonymous";
  const operation = name.replace(/__[A-Za-z0-9_]+?__\d+$/, "");
  const known = contractNames();
  if (known) return known.has(operation) ? operation : "other";
  if (seen.has(operation)) return operation;
  if (seen.size >= CAP) return "other";
  seen.add(operation);
  return operation;
}
