import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

// `npm start`'s staleness check on a small tree of its own: one TypeScript project and the portal, with file times set
// by hand (an hour apart, so no clock's resolution decides).
const SCRIPT = join(__dirname, "..", "build-if-stale.mjs");
const HOUR_S = 3600;
const BUILT_AT = Math.floor(Date.now() / 1000) - 10 * HOUR_S;
let root: string;

function write(path: string, text: string, at = BUILT_AT - HOUR_S) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
  utimesSync(join(root, path), at, at);
}

/** Sets a file's or folder's modification time, in seconds. */
const touch = (path: string, at: number) => utimesSync(join(root, path), at, at);

const stale = () => execFileSync(process.execPath, [SCRIPT, "--check", "--root", root], { encoding: "utf8" }).trim();

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "build-if-stale-"));
  write("tsconfig.json", JSON.stringify({ files: [], references: [{ path: "kit" }] }));
  write("tsconfig.base.json", "{}");
  write("kit/tsconfig.json", "{}");
  write("kit/package.json", "{}");
  write("kit/src/index.ts", "export const a = 1;");
  write("kit/tsconfig.tsbuildinfo", JSON.stringify({ root: [1], version: "5.9.3" }), BUILT_AT);
  write("portal/src/main.tsx", "export {};");
  write("portal/index.html", "<!doctype html>");
  write("portal/vite.config.ts", "export default {};");
  write("operations/src/graphql.generated.ts", "export {};");
  write("portal/dist/index.html", "<!doctype html>", BUILT_AT);
  for (const folder of ["kit/src", "kit", "portal/src", "portal", "operations/src", "operations", "."])
    touch(folder, BUILT_AT - HOUR_S);
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

it("finds nothing to build when every build is newer than its sources", () => {
  expect(stale()).toBe("");
});

it("rebuilds the TypeScript projects when a source, a project's settings or the shared settings changed", () => {
  for (const changed of ["kit/src/index.ts", "kit/tsconfig.json", "kit/package.json", "tsconfig.base.json"]) {
    touch(changed, BUILT_AT + HOUR_S);
    expect([changed, stale()]).toEqual([changed, "typescript"]);
    touch(changed, BUILT_AT - HOUR_S);
  }
});

it("rebuilds when a source was deleted (its folder changed) or the project was never built", () => {
  touch("kit/src", BUILT_AT + HOUR_S);
  expect(stale()).toBe("typescript");
  touch("kit/src", BUILT_AT - HOUR_S);
  rmSync(join(root, "kit/tsconfig.tsbuildinfo"));
  expect(stale()).toBe("typescript");
});

it("rebuilds a project whose last build recorded errors, however new it is", () => {
  write("kit/tsconfig.tsbuildinfo", JSON.stringify({ semanticDiagnosticsPerFile: [[1, []]] }), BUILT_AT + HOUR_S);
  expect(stale()).toBe("typescript");
});

it("rebuilds the portal when its sources or the generated operations changed, or it was never built", () => {
  touch("operations/src/graphql.generated.ts", BUILT_AT + HOUR_S);
  expect(stale()).toBe("portal");
  touch("operations/src/graphql.generated.ts", BUILT_AT - HOUR_S);
  rmSync(join(root, "portal/dist"), { recursive: true });
  expect(stale()).toBe("portal");
});
