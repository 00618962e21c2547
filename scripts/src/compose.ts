import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { GENERATED_OPERATIONS_PATH, generateOperations } from "./codegen";
import { compose, SCHEMA_DIR } from "./composition";
import { checkWith, parseWith } from "./external-check";

const ROOT = join(__dirname, "..", "..");

/** `npm run compose -- --check --with billing=billing.graphql`: another team's subgraph against ours; writes nothing. */
async function checkOthers(withArguments: string[]) {
  const external = withArguments.map(parseWith).map(({ name, path }) => ({ name, sdl: readFileSync(path, "utf8") }));
  const problems = await checkWith(external);
  if (problems.length) {
    console.error(`composition check failed:\n${problems.join("\n")}`);
    process.exit(1);
  }
  console.log(
    `${external.map((s) => s.name).join(", ")} compose with this repository's subgraphs; every contract operation still validates`,
  );
}

/**
 * `npm run compose` writes schema/ and the typed operations; `npm run compose -- --check` only tells whether
 * either is stale.
 */
async function main() {
  const check = process.argv.includes("--check");
  const withArguments = process.argv.flatMap((arg, i) => (process.argv[i - 1] === "--with" ? [arg] : []));
  if (withArguments.length) return checkOthers(withArguments);
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
