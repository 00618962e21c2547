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

describe("secrets", () => {
  const secrets = ["MYSQL_ROOT_PASSWORD", "INTERNAL_SECRET", "JWT_SECRET"];
  const template = readFileSync(join(root, ".env.template"), "utf8");

  it("come from the env file, never written in the compose file", () => {
    for (const name of apps) {
      const env = compose.services[name].environment!;
      expect(env.INTERNAL_SECRET).toBe("${INTERNAL_SECRET:?set INTERNAL_SECRET in .env}");
      expect(env.JWT_SECRET).toBe("${JWT_SECRET:?set JWT_SECRET in .env}");
      expect(env.DATABASE_URL).toBe("mysql://root:${MYSQL_ROOT_PASSWORD:?set MYSQL_ROOT_PASSWORD in .env}@mysql:3306");
      expect(env.NODE_ENV).toBe("production");
    }
    expect(compose.services.mysql.environment?.MYSQL_ROOT_PASSWORD).toMatch(/^\$\{MYSQL_ROOT_PASSWORD:\?/);
    // Nothing that looks like a literal password or secret anywhere in the file.
    const text = readFileSync(join(root, "docker-compose.yml"), "utf8");
    expect(text).not.toMatch(/change-me|-ppartnergraph|root:partnergraph/);
  });

  it("are documented in .env.template, which .env is copied from and which stays out of git and the image", () => {
    for (const name of secrets) expect(template).toMatch(new RegExp(`^${name}=$`, "m"));
    expect(readFileSync(join(root, ".gitignore"), "utf8")).toMatch(/^\.env$/m);
    expect(readFileSync(join(root, ".dockerignore"), "utf8")).toMatch(/^\.env$/m);
  });
});
