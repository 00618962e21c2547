// Builds what is stale, and only that: `tsc -b` when a TypeScript project's sources are newer than its last build,
// `vite build` when the portal's are newer than portal/dist. `npm install` builds everything (the root `prepare`),
// so `npm start` usually finds nothing to do: a walk of file times costs milliseconds, where an up-to-date `tsc -b`
// costs seconds of loading the compiler. Plain JavaScript: it runs before anything is compiled.
/* global process, console */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// `--check` prints what is stale (typescript, portal) and builds nothing; `--root DIR` looks at another tree (tests).
const rootArg = process.argv.indexOf("--root");
const ROOT = rootArg > 0 ? process.argv[rootArg + 1] : join(dirname(fileURLToPath(import.meta.url)), "..");
const CHECK_ONLY = process.argv.includes("--check");
/** What every TypeScript project reads besides its own folder. */
const SHARED_TS_INPUTS = ["tsconfig.base.json", "tsconfig.json"];
/** Everything `vite build` reads: the portal's sources and the generated operations it is typed with. */
const PORTAL_INPUTS = [
  "portal/src",
  "portal/index.html",
  "portal/vite.config.ts",
  "operations/src/graphql.generated.ts",
];

/** The newest modification time under `path`; a folder's own time counts, so a deleted file is a change too. */
function newestChange(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/** tsc -b records a build's errors in its build info (and emits anyway): such a build is not done. */
const RECORDED_ERRORS = /"(semanticDiagnosticsPerFile|emitDiagnosticsPerFile|errors)":/;

/** A missing output is the oldest there is. */
function changedAt(path) {
  return existsSync(path) ? statSync(path).mtimeMs : -1;
}

function typescriptIsStale() {
  const { references } = JSON.parse(readFileSync(join(ROOT, "tsconfig.json"), "utf8"));
  const shared = Math.max(...SHARED_TS_INPUTS.map((input) => newestChange(join(ROOT, input))));
  return references.some(({ path }) => {
    const project = join(ROOT, path);
    // tsc -b writes (or touches) tsconfig.tsbuildinfo whenever it finds the project's inputs newer.
    const buildInfo = join(project, "tsconfig.tsbuildinfo");
    const built = changedAt(buildInfo);
    if (built < 0 || RECORDED_ERRORS.test(readFileSync(buildInfo, "utf8"))) return true;
    const inputs = ["src", "tsconfig.json", "package.json"].map((input) => newestChange(join(project, input)));
    return Math.max(shared, ...inputs) > built;
  });
}

function portalIsStale() {
  const built = changedAt(join(ROOT, "portal", "dist", "index.html"));
  return Math.max(...PORTAL_INPUTS.map((input) => newestChange(join(ROOT, input)))) > built;
}

function run(what, command, args) {
  console.error(`building ${what}…`);
  // Its output goes to stderr: `npm run token` prints only the token on stdout.
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ["inherit", 2, 2] });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const typescript = typescriptIsStale();
const portal = portalIsStale();
if (CHECK_ONLY) {
  console.log([typescript && "typescript", portal && "portal"].filter(Boolean).join(" "));
} else {
  if (typescript) run("the TypeScript projects (tsc -b)", "npx", ["--no-install", "tsc", "-b"]);
  if (portal) run("the portal (vite build)", "npm", ["run", "--silent", "build", "-w", "@partnergraph/portal"]);
}
