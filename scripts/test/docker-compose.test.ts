import { DEFAULT_PORTS, SUBGRAPH_NAMES } from "@partnergraph/kit";
import { load } from "js-yaml";
import { existsSync, readdirSync, readFileSync } from "node:fs";
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
      volumes?: string[];
    }
  >;
};
const apps = ["gateway", ...SUBGRAPH_NAMES] as const;

it("names MySQL 8.4, one container per subgraph plus the gateway, Prometheus and Grafana", () => {
  expect(Object.keys(compose.services).sort()).toEqual(["mysql", ...apps, "prometheus", "grafana"].sort());
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
  const secrets = ["MYSQL_ROOT_PASSWORD", "INTERNAL_SECRET", "JWT_SECRET", "GRAFANA_ADMIN_PASSWORD"];
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
    expect(compose.services.grafana.environment?.GF_SECURITY_ADMIN_PASSWORD).toMatch(/^\$\{GRAFANA_ADMIN_PASSWORD:\?/);
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

describe("monitoring", () => {
  /** host path → container path of a service's bind mounts, each checked to exist in the repository. */
  const mounts = (name: string) =>
    Object.fromEntries(
      (compose.services[name].volumes ?? []).map((volume) => {
        const [host, container] = volume.split(":");
        expect(existsSync(join(root, host))).toBe(true);
        return [host, container];
      }),
    );

  it("has Prometheus scrape /metrics of every service at its compose name and port", () => {
    expect(mounts("prometheus")).toEqual({ "./ops/prometheus/prometheus.yml": "/etc/prometheus/prometheus.yml" });
    const config = load(readFileSync(join(root, "ops", "prometheus", "prometheus.yml"), "utf8")) as {
      scrape_configs: { metrics_path?: string; static_configs: { targets: string[] }[] }[];
    };
    const targets = config.scrape_configs.flatMap((job) => {
      expect(job.metrics_path ?? "/metrics").toBe("/metrics");
      return job.static_configs.flatMap((group) => group.targets);
    });
    expect(targets.sort()).toEqual(apps.map((name) => `${name}:${DEFAULT_PORTS[name]}`).sort());
  });

  it("provisions Grafana with Prometheus and the dashboard kept in the repository", () => {
    expect(mounts("grafana")).toEqual({
      "./ops/grafana/provisioning": "/etc/grafana/provisioning",
      "./ops/grafana/dashboards": "/var/lib/grafana/dashboards",
    });
    const provisioning = join(root, "ops", "grafana", "provisioning");
    const datasources = load(readFileSync(join(provisioning, "datasources", "prometheus.yml"), "utf8")) as {
      datasources: { uid: string; type: string; url: string }[];
    };
    expect(datasources.datasources).toEqual([
      expect.objectContaining({ uid: "prometheus", type: "prometheus", url: "http://prometheus:9090" }),
    ]);
    const providers = load(readFileSync(join(provisioning, "dashboards", "partnergraph.yml"), "utf8")) as {
      providers: { options: { path: string } }[];
    };
    expect(providers.providers[0].options.path).toBe("/var/lib/grafana/dashboards");
  });

  it("charts only series the services expose, on the provisioned data source", () => {
    const dashboard = JSON.parse(
      readFileSync(join(root, "ops", "grafana", "dashboards", "partnergraph.json"), "utf8"),
    ) as {
      panels: { title: string; targets: { expr: string; datasource: { uid: string } }[] }[];
    };
    // Every partnergraph_* metric the code defines: kit and gateway sources name them literally.
    const sources = ["subgraphs/kit/src/observability", "gateway/src"].flatMap((dir) =>
      readdirSync(join(root, dir))
        .filter((file) => file.endsWith(".ts"))
        .map((file) => readFileSync(join(root, dir, file), "utf8")),
    );
    const defined = new Set(
      sources.flatMap((text) => [...text.matchAll(/name: "(partnergraph_\w+)"/g)].map((m) => m[1])),
    );
    expect(defined.size).toBeGreaterThanOrEqual(8);
    const charted = new Set<string>();
    for (const panel of dashboard.panels) {
      for (const target of panel.targets) {
        expect(target.datasource.uid).toBe("prometheus");
        for (const [name] of target.expr.matchAll(/\b(?:partnergraph|nodejs)_\w+/g)) {
          const base = name.replace(/_(bucket|count|sum)$/, "");
          if (base.startsWith("partnergraph_")) expect([panel.title, defined.has(base)]).toEqual([panel.title, true]);
          charted.add(base);
        }
      }
    }
    // Each series the issue asks for has a panel.
    for (const name of defined) expect(charted).toContain(name);
    expect(charted).toContain("nodejs_eventloop_lag_p99_seconds");
  });
});
