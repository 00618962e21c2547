import { callInternal, config, freePort, STATEMENTS_ROUTE, SubgraphName, SUBGRAPH_NAMES } from "@partnergraph/kit";
import { randomBytes } from "node:crypto";
import { BenchProcess, startProcess } from "./processes";
import type { Engine } from "./scenarios";

/** The four subgraphs and the three engines, each its own process, over one set of databases. */
export interface BenchStack {
  subgraphs: Record<SubgraphName, BenchProcess>;
  engines: Record<Engine, BenchProcess>;
  /** The secrets the services were started with: this process mints tokens and signs internal calls with them. */
  secrets: Secrets;
  stop(): Promise<void>;
}

export interface Secrets {
  jwtSecret: string;
  internalSecret: string;
  webhookSecretKey: string;
}

/** Secrets of a stack: fresh for each run (production refuses the development ones). */
export function freshSecrets(): Secrets {
  const secret = () => randomBytes(32).toString("base64url");
  return { jwtSecret: secret(), internalSecret: secret(), webhookSecretKey: secret() };
}

/** Production settings of a stack's services: these secrets, the database prefix, quiet logs, where the others are. */
export function productionEnv(
  databasePrefix: string,
  secrets: Secrets,
  ports: Record<string, number>,
): Record<string, string> {
  return {
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    DATABASE_URL: config().databaseUrl!,
    DATABASE_PREFIX: databasePrefix,
    LISTEN_HOST: "127.0.0.1",
    INTERNAL_SECRET: secrets.internalSecret,
    JWT_SECRET: secrets.jwtSecret,
    WEBHOOK_SECRET_KEY: secrets.webhookSecretKey,
    // The seed's notifications reach two years back from its anchor: none is pruned from under a long run.
    NOTIFICATION_RETENTION_DAYS: "3650",
    ...Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${ports[name]}/graphql`]),
    ),
  };
}

/** Production settings (fresh secrets, no sandbox), the given database prefix, quiet logs; each ready when it answers. */
export async function startBenchStack(
  databasePrefix: string,
  log: (line: string) => void,
  { profileDir }: { profileDir?: string } = {},
): Promise<BenchStack> {
  const names = [...SUBGRAPH_NAMES, "partnergraph", "hive", "monolith"];
  const ports = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await freePort()] as const)));
  const secrets = freshSecrets();
  const env: Record<string, string> = {
    ...productionEnv(databasePrefix, secrets, ports),
    // The load spends far more than any organization's budget: the limiter still runs and charges, it never refuses.
    RATE_LIMIT_COST_PER_MINUTE: String(Number.MAX_SAFE_INTEGER),
  };
  // Where the time goes: each process writes a V8 CPU profile when it stops (node ../shared/tools/cpuprofile-top.mjs FILE).
  const nodeArgs = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  const started: BenchProcess[] = [];
  const start = async (...args: Parameters<typeof startProcess>) => {
    const running = await startProcess(...args);
    started.push(running);
    log(`  ${running.name} (pid ${running.pid}) answers on ${running.url}`);
    return running;
  };
  try {
    // The databases are seeded and migrated already: the subgraphs start side by side, then the engines.
    const subgraphs = Object.fromEntries(
      await Promise.all(
        SUBGRAPH_NAMES.map(
          async (name) => [name, await start("service", name, ports[name], env, "/health", nodeArgs)] as const,
        ),
      ),
    ) as Record<SubgraphName, BenchProcess>;
    const [partnergraph, hive, monolith] = await Promise.all([
      start("service", "gateway", ports.partnergraph, env, "/ready", nodeArgs),
      start("engine", "hive", ports.hive, env, "/readiness", nodeArgs),
      start("engine", "monolith", ports.monolith, env, "/health", nodeArgs),
    ]);
    return { subgraphs, engines: { partnergraph, hive, monolith }, secrets, stop: () => stopAll(started) };
  } catch (error) {
    await stopAll(started);
    throw error;
  }
}

async function stopAll(processes: BenchProcess[]) {
  await Promise.all(processes.map((p) => p.stop()));
}

/** Statements a service has run for one request (its signed internal route; it remembers the last thousand). */
export async function statementsOf(service: BenchProcess, requestId: string): Promise<number> {
  return (await callInternal<{ count: number }>(service.url, STATEMENTS_ROUTE, { requestId })).count;
}
