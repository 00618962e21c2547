import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { nextPort, registrationEdits, subgraphExists, writeEdits } from "./register";
import { Names, subgraphFiles } from "./templates";

/** Files of the house's own subgraphs and shared code a new subgraph may not be named after. */
const RESERVED = new Set(["kit", "contracts", "gateway", "operations", "scripts", "integration", "schema", "portal"]);

export function namesOf(name: string): Names {
  if (!/^[a-z][a-z0-9]{2,19}$/.test(name))
    throw new Error(`a subgraph's name is 3 to 20 lower-case letters or digits, starting with a letter: "${name}"`);
  if (RESERVED.has(name)) throw new Error(`"${name}" is taken by the repository's own code`);
  return { name, pascal: name[0].toUpperCase() + name.slice(1), upper: name.toUpperCase() };
}

export interface Scaffold {
  port: number;
  /** Paths relative to the root, written or changed. */
  written: string[];
  changed: string[];
}

/**
 * `npm run new:subgraph -- <name>` under `root`: writes subgraphs/<name> in the house shape and registers it
 * wherever the repository lists its subgraphs. Refuses a taken name and writes nothing then.
 */
export function scaffoldSubgraph(root: string, name: string, now = Date.now()): Scaffold {
  const names = namesOf(name);
  if (subgraphExists(root, name)) throw new Error(`subgraphs/${name} exists already`);
  const port = nextPort(root);
  const edits = registrationEdits(root, names, port); // computed first: a missing anchor fails before any write
  const files = subgraphFiles(names, now);
  const written: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    const path = join(root, "subgraphs", name, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    written.push(join("subgraphs", name, file));
  }
  writeEdits(root, edits);
  return { port, written, changed: Object.keys(edits) };
}
