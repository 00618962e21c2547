import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { PORTAL_DIST } from "./server";

const ROOT = join(__dirname, "..", "..", "..");
/** Everything `vite build` reads: the portal's sources and the generated operations it is typed with. */
const INPUTS = ["portal/src", "portal/index.html", "portal/vite.config.ts", "operations/src/graphql.generated.ts"];

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/**
 * `npm start` builds the portal first when it is missing or older than its sources, so a fresh
 * `npm install && npm start` serves it and an unchanged one starts without waiting for Vite.
 */
function main() {
  const built = newestChange(join(PORTAL_DIST, "index.html"));
  const sources = Math.max(...INPUTS.map((input) => newestChange(join(ROOT, input))));
  if (built > sources) return;
  console.log("building the portal (vite build)…");
  const result = spawnSync("npm", ["run", "--silent", "build", "-w", "@partnergraph/portal"], {
    cwd: ROOT,
    stdio: "inherit",
  });
  process.exit(result.status ?? 1);
}

main();
