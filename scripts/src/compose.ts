import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { compose, SCHEMA_DIR } from "./composition";

/** `npm run compose` writes schema/; `npm run compose -- --check` only tells whether it is stale. */
async function main() {
  const check = process.argv.includes("--check");
  const { files } = await compose();
  const stale = Object.entries(files).filter(([file, text]) => {
    const path = join(SCHEMA_DIR, file);
    return !existsSync(path) || readFileSync(path, "utf8") !== text;
  });
  if (check) {
    if (stale.length) {
      console.error(`stale: ${stale.map(([file]) => `schema/${file}`).join(", ")} — run npm run compose`);
      process.exit(1);
    }
    console.log("schema/ is up to date");
    return;
  }
  for (const [file, text] of stale) writeFileSync(join(SCHEMA_DIR, file), text);
  console.log(stale.length ? `wrote ${stale.map(([file]) => `schema/${file}`).join(", ")}` : "schema/ is up to date");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
