import { freePort, SUBGRAPH_NAMES } from "@partnergraph/kit";
import { devToken } from "@partnergraph/scripts";
import { ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { cpuMs } from "../run/proc-stats";
import { parseArgs } from "./args";

// autocannon ships no types; the little used here is typed by hand.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require("autocannon") as (options: Record<string, unknown>) => Promise<{
  requests: { total: number };
  statusCodeStats: Record<string, { count: number }>;
  errors: number;
}>;

/**
 * `npm run bench:flood`: shows that refusals are cheap. One `npm start` process (gateway and subgraphs, embedded demo
 * data) on free loopback ports; a fixed number of requests per scenario; the server's CPU time per request, read from
 * /proc, for an accepted dashboard and for each kind of refusal. Aimed only at 127.0.0.1.
 */
const HOST = "127.0.0.1";
const ROOT = join(__dirname, "..", "..", "..");
const PARTNER = "alice@northwind.example";

const DASHBOARD = `query PartnerDashboard($first: Int = 50) { customerDashboard(first: $first) { totalCount edges { node {
  id connectedAt customer { id name country
    trials { id status startsAt endsAt service { code name } }
    entitlements { id licenseCount expiresAt status service { code name } }
    tickets(status: OPEN, first: 5) { totalCount edges { node { id number title severity status } } }
    notifications(first: 5) { totalCount edges { node { id category title createdAt dismissed } } } } } } } }`;
/** The issue's flood: 300 aliases of a dashboard with tickets, 33 KB (refused for its tokens before it is parsed). */
const ISSUE_FLOOD = (tag: string) =>
  `{ ${Array.from({ length: 300 }, (_, i) => `${tag}${i}: customerDashboard(first: 100) { edges { node { customer { tickets(first: 20) { totalCount } } } } }`).join(" ")} }`;
/** 300 aliases within the token limit: parsed and measured, refused for its aliases. */
const ALIAS_FLOOD = (tag: string) =>
  `{ ${Array.from({ length: 300 }, (_, i) => `${tag}${i}: customerDashboard(first: 100) { totalCount }`).join(" ")} }`;
const SMALL = `{ customerDashboard(first: 99) { edges { cursor } } }`;

interface Server {
  pid: number;
  url: string;
  stop(): Promise<void>;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const ports = Object.fromEntries(
    await Promise.all(SUBGRAPH_NAMES.map(async (name) => [`${name.toUpperCase()}_PORT`, String(await freePort())])),
  );
  const { DATABASE_URL: _mysql, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, "scripts", "dist", "start.js")], {
    env: { ...inherited, ...ports, ...env, PORT: String(port), LISTEN_HOST: HOST, LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://${HOST}:${port}/graphql`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const killed = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(killed);
  };
  for (const deadline = Date.now() + 120_000; ;) {
    const ready = await fetch(url.replace(/graphql$/, "ready"), { signal: AbortSignal.timeout(1_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error("the server did not become ready within 120 s");
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { pid: child.pid!, url, stop };
}

interface Scenario {
  name: string;
  /** The request body; given a counter when every request must differ (no cached verdict). */
  body: (n: number) => string;
  unique?: boolean;
  token: string;
}

interface Measured {
  name: string;
  requests: number;
  statuses: Record<string, number>;
  cpuMsPerRequest: number;
}

async function measure(server: Server, scenario: Scenario, requests: number, connections: number): Promise<Measured> {
  let n = 0;
  const headers = { "content-type": "application/json", authorization: `Bearer ${scenario.token}` };
  const before = cpuMs(server.pid);
  const result = await autocannon({
    url: server.url,
    connections,
    amount: requests,
    timeout: 30,
    requests: [
      {
        method: "POST",
        headers,
        body: scenario.body(0),
        ...(scenario.unique ? { setupRequest: (request: object) => ({ ...request, body: scenario.body(++n) }) } : {}),
      },
    ],
  });
  const used = cpuMs(server.pid) - before;
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]));
  return {
    name: scenario.name,
    requests: result.requests.total,
    statuses,
    cpuMsPerRequest: used / result.requests.total,
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const requests = Number(args.requests ?? 2_000);
  const connections = Number(args.connections ?? 8);
  const token = await devToken(PARTNER);
  const body = (query: string) => JSON.stringify({ query });
  const results: Measured[] = [];

  // A budget no scenario exhausts: what is measured is each request's own work.
  const open = await startServer({ RATE_LIMIT_COST_PER_MINUTE: String(Number.MAX_SAFE_INTEGER) });
  try {
    const warm: Scenario = { name: "warm-up", body: () => body(DASHBOARD), token };
    await measure(open, warm, Math.min(200, requests), connections);
    for (const scenario of [
      { name: "accepted: PartnerDashboard (first 50)", body: () => body(DASHBOARD), token },
      { name: "400 aliases, same document (verdict cached)", body: () => body(ALIAS_FLOOD("a")), token },
      {
        name: "400 aliases, every document new",
        body: (n: number) => body(ALIAS_FLOOD(`a${n}_`)),
        unique: true,
        token,
      },
      {
        name: "400 tokens: the issue's 33 KB flood, every one new",
        body: (n: number) => body(ISSUE_FLOOD(`a${n}_`)),
        unique: true,
        token,
      },
    ] satisfies Scenario[]) {
      results.push(await measure(open, scenario, requests, connections));
    }
  } finally {
    await open.stop();
  }

  // The smallest budget allowed (MAX_COST): after a few requests every answer is a 429.
  const tight = await startServer({ RATE_LIMIT_COST_PER_MINUTE: "25000", MAX_COST: "25000" });
  try {
    const limited: Scenario = { name: "429 over budget", body: () => body(SMALL), token };
    await measure(tight, limited, 300, connections);
    results.push(await measure(tight, limited, requests, connections));
  } finally {
    await tight.stop();
  }

  const accepted = results[0].cpuMsPerRequest;
  console.log(
    `\nserver CPU per request (one process: gateway and subgraphs), ${requests} requests each, ${connections} connections\n`,
  );
  for (const result of results) {
    const ratio = result === results[0] ? "" : `  = 1/${Math.round(accepted / result.cpuMsPerRequest)} of a dashboard`;
    console.log(
      `${result.name.padEnd(52)} ${result.cpuMsPerRequest.toFixed(3).padStart(8)} ms  ${JSON.stringify(result.statuses)}${ratio}`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
