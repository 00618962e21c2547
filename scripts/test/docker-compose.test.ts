import { DEFAULT_PORTS, SUBGRAPH_NAMES } from "@partnergraph/kit";
import { load } from "js-yaml";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

// No Docker engine runs here: the file is checked by reading it.
const root = join(__dirname, "..", "..");
const compose = load(readFileSync(join(root, "docker-compose.yml"), "utf8")) as {
  services: Record<
    string,
    {
      build?: string;
      image?: string;
      command?: string[];
      environment?: Record<string, string>;
      ports?: string[];
      depends_on?: unknown;
    }
  >;
};
const apps = ["gateway", ...SUBGRAPH_NAMES] as const;

it("names MySQL 8.4 and one container per subgraph plus the gateway", () => {
  expect(Object.keys(compose.services).sort()).toEqual(["mysql", ...apps].sort());
  expect(compose.services.mysql.image).toBe("mysql:8.4");
});

it.each(apps)("runs %s from the one Dockerfile on its own port", (name) => {
  const service = compose.services[name];
  expect(service.build).toBe(".");
  expect(existsSync(join(root, "Dockerfile"))).toBe(true);
  expect(service.command).toEqual(["node", "scripts/dist/serve.js", name]);
  expect(existsSync(join(root, "scripts", "src", "serve.ts"))).toBe(true);
  const port = DEFAULT_PORTS[name];
  expect(service.environment?.PORT).toBe(String(port));
  expect(service.ports).toEqual([`${port}:${port}`]);
  expect(service.environment?.DATABASE_URL).toMatch(/^mysql:\/\/[^@]+@mysql:3306$/);
  expect(service.environment?.LISTEN_HOST).toBe("0.0.0.0");
});

it("points every service at the others by their compose names and ports", () => {
  for (const name of apps) {
    const env = compose.services[name].environment!;
    for (const subgraph of SUBGRAPH_NAMES) {
      expect(env[`${subgraph.toUpperCase()}_URL`]).toBe(`http://${subgraph}:${DEFAULT_PORTS[subgraph]}/graphql`);
    }
  }
});
