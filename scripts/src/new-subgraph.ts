import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { scaffoldSubgraph } from "./scaffold";

/**
 * `npm run new:subgraph -- <name>`: a new subgraph in the house shape, registered everywhere the repository
 * lists subgraphs; then installs (links the workspace), formats, and says what to do next.
 */
function main() {
  const name = process.argv[2] ?? "";
  const root = join(__dirname, "..", "..");
  const { port, written, changed } = scaffoldSubgraph(root, name);
  const npx = process.platform === "win32" ? "npx.cmd" : "npx";
  execFileSync("npm", ["install", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  execFileSync(npx, ["prettier", "--write", `subgraphs/${name}`, ...changed], { cwd: root, stdio: "ignore" });
  console.log(
    [
      `subgraphs/${name} (port ${port}): ${written.length} files; registered in ${changed.join(", ")}.`,
      "Next:",
      `  npm run compose     # ${name}.graphql, the supergraph and the typed operations take it in`,
      `  npm test            # its own test (subgraphs/${name}/test) runs with the others`,
      `  Replace the example ${name}_note entity; after changing entities, npm run migration:generate -- ${name} <Name>.`,
    ].join("\n"),
  );
}

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
