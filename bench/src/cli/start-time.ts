import { freePort, SUBGRAPH_NAMES } from "@partnergraph/kit";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { parseArgs } from "./args";

/**
 * `npm run bench:start-time [-- --runs 3 --script start]`: how long `npm start` takes from being typed to the first
 * answer of the gateway (`{ __typename }`) and of the portal (its page, 200), polled every 100 ms. Each run starts
 * `npm run <script>` in its own process group on free loopback ports (PORT, <SUBGRAPH>_PORT, PORTAL_URL), on the
 * embedded database, and ends it with SIGTERM. It measures the checkout as it is: after `npm install` the build is
 * current, so this is what a newcomer waits for.
 */
const ROOT = join(__dirname, "..", "..", "..");
const HOST = "127.0.0.1";
const POLL_MS = 100;

async function answers(url: string, init?: RequestInit): Promise<boolean> {
  try {
    return (await fetch(url, { ...init, signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}

interface Timing {
  gatewayMs: number;
  portalMs: number;
}

async function timeOneStart(script: string, withinMs: number): Promise<Timing> {
  const port = await freePort();
  const portalPort = await freePort();
  const ports = Object.fromEntries(
    await Promise.all(SUBGRAPH_NAMES.map(async (name) => [`${name.toUpperCase()}_PORT`, String(await freePort())])),
  );
  const { DATABASE_URL: _mysql, ...inherited } = process.env;
  const gateway = `http://${HOST}:${port}/graphql`;
  const portal = `http://${HOST}:${portalPort}/`;
  const typed = performance.now();
  // Its own process group: npm starts a shell that starts node, and all of them are ended together.
  const child = spawn("npm", ["run", "--silent", script], {
    cwd: ROOT,
    detached: true,
    env: { ...inherited, ...ports, PORT: String(port), PORTAL_URL: `http://${HOST}:${portalPort}`, LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const timing: Partial<Timing> = {};
  try {
    while (timing.gatewayMs === undefined || timing.portalMs === undefined) {
      if (child.exitCode !== null) throw new Error(`npm run ${script} exited with ${child.exitCode}`);
      if (performance.now() - typed > withinMs) throw new Error(`no answer within ${withinMs} ms`);
      const [gatewayAnswers, portalAnswers] = await Promise.all([
        timing.gatewayMs === undefined &&
          answers(gateway, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ query: "{ __typename }" }),
          }),
        timing.portalMs === undefined && answers(portal),
      ]);
      const now = performance.now() - typed;
      if (gatewayAnswers) timing.gatewayMs = now;
      if (portalAnswers) timing.portalMs = now;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return timing as Timing;
  } finally {
    if (child.exitCode === null) {
      process.kill(-child.pid!, "SIGTERM");
      const killed = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 15_000);
      await exited;
      clearTimeout(killed);
    }
  }
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const runs = Number(args.runs ?? 3);
  const script = String(args.script ?? "start");
  const timings: Timing[] = [];
  for (let run = 1; run <= runs; run++) {
    const timing = await timeOneStart(script, Number(args.withinSeconds ?? 180) * 1000);
    timings.push(timing);
    console.log(
      `run ${run}: gateway answers after ${seconds(timing.gatewayMs)} s, portal after ${seconds(timing.portalMs)} s`,
    );
  }
  const both = timings.map((timing) => Math.max(timing.gatewayMs, timing.portalMs)).sort((a, b) => a - b);
  console.log(
    `npm run ${script} → both answer: median ${seconds(both[Math.floor(both.length / 2)])} s ` +
      `(runs ${seconds(both[0])}–${seconds(both[both.length - 1])} s)`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
