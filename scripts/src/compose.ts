import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { GENERATED_OPERATIONS_PATH, generateOperations } from "./codegen";
import { compose, SCHEMA_DIR } from "./composition";

const ROOT = join(__dirname, "..", "..");

/**
 * `npm run compose` writes schema/ and the typed operations; `npm run compose -- --check` only tells whether
 * either is stale.
 */
async function main() {
  const check = process.argv.includes("--check");
  const { files } = await compose();
  const artifacts: Record<string, string> = Object.fromEntries(
    Object.entries(files).map(([file, text]) => [join(SCHEMA_DIR, file), text]),
  );
  artifacts[GENERATED_OPERATIONS_PATH] = (await generateOperations(files["api.graphql"])).text;
  const stale = Object.keys(artifacts).filter(
    (path) => !existsSync(path) || readFileSync(path, "utf8") !== artifacts[path],
  );
  const names = stale.map((path) => relative(ROOT, path)).join(", ");
  if (check) {
    if (stale.length) {
      console.error(`stale: ${names} — run npm run compose`);
      process.exit(1);
    }
    console.log("schema/ and the typed operations are up to date");
    return;
  }
  for (const path of stale) writeFileSync(path, artifacts[path]);
  console.log(stale.length ? `wrote ${names}` : "schema/ and the typed operations are up to date");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
