import { ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

/**
 * Every service of a benchmark as its own process (as in production), on free loopback ports. Waits are
 * bounded; stop() sends SIGTERM, then SIGKILL to whatever still runs.
 */
const ROOT = join(__dirname, "..", "..", "..");
const ENTRY = {
  service: join(ROOT, "scripts", "dist", "serve.js"),
  engine: join(ROOT, "bench", "dist", "engines", "serve.js"),
};
const HOST = "127.0.0.1";

export interface BenchProcess {
  name: string;
  pid: number;
  url: string;
  output(): string;
  stop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once("exit", () => resolve()));
}

/**
 * Starts `node <entry> <name>` on `port` and waits (at most `withinMs`) until `probe` answers 200.
 * `kind` service: scripts/dist/serve.js (the gateway and subgraphs); engine: bench/dist/engines/serve.js.
 */
export async function startProcess(
  kind: keyof typeof ENTRY,
  name: string,
  port: number,
  env: Record<string, string>,
  probe: string,
  /** Node's own flags (--cpu-prof: Node refuses it in NODE_OPTIONS). */
  nodeArgs: string[] = [],
  withinMs = 120_000,
): Promise<BenchProcess> {
  const child = spawn(process.execPath, [...nodeArgs, ENTRY[kind], name], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const running: BenchProcess = {
    name,
    pid: child.pid!,
    url: `http://${HOST}:${port}/graphql`,
    output: () => output,
    stop: async () => {
      child.kill("SIGTERM");
      const killed = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited(child);
      clearTimeout(killed);
    },
  };
  const deadline = Date.now() + withinMs;
  while (!(await answers(`http://${HOST}:${port}${probe}`))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await running.stop();
      throw new Error(`${name} did not answer ${probe} within ${withinMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return running;
}
