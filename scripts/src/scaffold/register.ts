import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Names } from "./templates";

/** One line added after the last line that matches `anchor` (in `within`, when given). */
function insertAfterLast(text: string, anchor: RegExp, line: string, file: string): string {
  const lines = text.split("\n");
  let at = -1;
  lines.forEach((candidate, index) => {
    if (anchor.test(candidate)) at = index;
  });
  if (at < 0) throw new Error(`${file}: found no line like ${anchor} to add "${line.trim()}" after`);
  lines.splice(at + 1, 0, line);
  return lines.join("\n");
}

/** The gateway service waits for every subgraph: the new one joins the end of its depends_on list. */
function addGatewayDependency(compose: string, name: string): string {
  const lines = compose.split("\n");
  const start = lines.findIndex((line) => /^ {2}gateway:$/.test(line));
  const end = lines.findIndex((line, index) => index > start && /^ {2}\S/.test(line));
  const block = lines.slice(start, end < 0 ? lines.length : end);
  const last = block.map((line) => /^ {6}- [a-z0-9-]+$/.test(line)).lastIndexOf(true);
  if (start < 0 || last < 0)
    throw new Error("docker-compose.yml: the gateway service has no depends_on list to add to");
  lines.splice(start + last + 1, 0, `      - ${name}`);
  return lines.join("\n");
}

/**
 * The places that list every subgraph, each given the new one: the kit's names and ports, the launcher's
 * definitions, the TypeScript build, the scripts' dependencies, the image and docker compose, .env.template.
 * (Workspaces, jest and the type-check take any subgraphs/<name> already.)
 */
export function registrationEdits(root: string, { name, upper }: Names, port: number): Record<string, string> {
  const read = (file: string) => readFileSync(join(root, file), "utf8");
  const edits: Record<string, string> = {};
  const edit = (file: string, change: (text: string) => string) => {
    edits[file] = change(edits[file] ?? read(file));
  };

  edit("subgraphs/kit/src/config.ts", (text) => {
    const [head, rest] = text.split("export const SUBGRAPH_PORTS = {");
    if (rest === undefined) throw new Error("subgraphs/kit/src/config.ts: SUBGRAPH_PORTS not found");
    const [block, tail] = rest.split("} as const;");
    return `${head}export const SUBGRAPH_PORTS = {${insertAfterLast(block, /^ {2}[a-z0-9]+: \d+,$/, `  ${name}: ${port},`, "config.ts")}} as const;${tail}`;
  });
  edit("scripts/src/subgraphs.ts", (text) => {
    const imported = insertAfterLast(
      text,
      /^import .* from "@partnergraph\//,
      `import { ${name} } from "@partnergraph/${name}";`,
      "scripts/src/subgraphs.ts",
    );
    const [head, rest] = imported.split("export const SUBGRAPHS: Record<SubgraphName, SubgraphDefinition> = {");
    if (rest === undefined) throw new Error("scripts/src/subgraphs.ts: SUBGRAPHS not found");
    const close = rest.indexOf("\n};");
    return `${head}export const SUBGRAPHS: Record<SubgraphName, SubgraphDefinition> = {${rest.slice(0, close)}\n  ${name},${rest.slice(close)}`;
  });
  edit("tsconfig.json", (text) =>
    insertAfterLast(text, /^ {4}\{ "path": "subgraphs\//, `    { "path": "subgraphs/${name}" },`, "tsconfig.json"),
  );
  edit("scripts/tsconfig.json", (text) =>
    insertAfterLast(text, /^ {4}\{ "path": "\.\.\/subgraphs\//, `    { "path": "../subgraphs/${name}" },`, "scripts"),
  );
  edit("scripts/package.json", (text) => {
    const manifest = JSON.parse(text) as { dependencies: Record<string, string> };
    manifest.dependencies[`@partnergraph/${name}`] = "0.1.0";
    return `${JSON.stringify(manifest, null, 2)}\n`;
  });
  edit("Dockerfile", (text) =>
    insertAfterLast(
      text,
      /^COPY subgraphs\/[a-z0-9-]+\/package\.json/,
      `COPY subgraphs/${name}/package.json subgraphs/${name}/`,
      "Dockerfile",
    ),
  );
  edit("docker-compose.yml", (text) => {
    let out = insertAfterLast(
      text,
      /^ {2}[A-Z_]+_URL: http:\/\//,
      `  ${upper}_URL: http://${name}:${port}/graphql`,
      "docker-compose.yml",
    );
    const service = [
      `  ${name}:`,
      "    <<: *subgraph",
      `    command: ["node", "scripts/dist/serve.js", "${name}"]`,
      "    environment:",
      "      <<: *service-env",
      `      PORT: "${port}"`,
      "    ports:",
      `      - "${port}:${port}"`,
      "",
      "",
    ].join("\n");
    if (!/^ {2}gateway:$/m.test(out)) throw new Error("docker-compose.yml: no gateway service to add before");
    out = out.replace(/^ {2}gateway:$/m, `${service}  gateway:`);
    return addGatewayDependency(out, name);
  });
  edit(".env.template", (text) => insertAfterLast(text, /^[A-Z_]+_URL=$/, `${upper}_URL=`, ".env.template"));
  return edits;
}

/** The next free local port after the subgraphs' ones. */
export function nextPort(root: string): number {
  const config = readFileSync(join(root, "subgraphs/kit/src/config.ts"), "utf8");
  const block = /export const SUBGRAPH_PORTS = \{([^}]*)\}/.exec(config)?.[1] ?? "";
  return Math.max(...[...block.matchAll(/: (\d+),/g)].map((m) => Number(m[1]))) + 1;
}

export const subgraphExists = (root: string, name: string) => existsSync(join(root, "subgraphs", name));
export const writeEdits = (root: string, edits: Record<string, string>) => {
  for (const [file, text] of Object.entries(edits)) writeFileSync(join(root, file), text);
};
