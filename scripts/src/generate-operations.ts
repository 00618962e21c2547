import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GENERATED_OPERATIONS_PATH, generateOperations } from "./codegen";
import { SCHEMA_DIR } from "./composition";

/**
 * `npm run codegen`: the typed operations from the committed schema/api.graphql (compose runs it too).
 * `--check` writes nothing and fails when the committed file is stale; `--json` reports for a test.
 */
async function main() {
  const check = process.argv.includes("--check");
  const { text, skipped } = await generateOperations(readFileSync(join(SCHEMA_DIR, "api.graphql"), "utf8"));
  const fresh = existsSync(GENERATED_OPERATIONS_PATH) && readFileSync(GENERATED_OPERATIONS_PATH, "utf8") === text;
  if (process.argv.includes("--json")) return console.log(JSON.stringify({ fresh, skipped }));
  if (check && !fresh) {
    console.error("stale: operations/src/graphql.generated.ts — run npm run codegen");
    process.exit(1);
  }
  if (!check && !fresh) writeFileSync(GENERATED_OPERATIONS_PATH, text);
  const pending = skipped.length ? ` (not valid yet, left out: ${skipped.join(", ")})` : "";
  console.log(`operations/src/graphql.generated.ts ${fresh ? "is up to date" : "written"}${pending}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
