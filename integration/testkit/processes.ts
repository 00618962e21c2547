import { freePort, SubgraphName, SUBGRAPH_NAMES } from "@partnergraph/kit";
import { ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

/**
 * Services as separate processes, as in production (`node scripts/dist/serve.js <name>`), on free loopback
 * ports: for tests that kill, pause (SIGSTOP) or SIGTERM one service while the others keep running.
 * Needs the build (`npm test` runs `tsc -b` first). Every wait here is bounded.
 */
export type ServiceName = SubgraphName | "gateway";

const SERVE = join(__dirname, "..", "..", "scripts", "dist", "serve.js");
const START = join(__dirname, "..", "..", "scripts", "dist", "start.js");
const HOST = "127.0.0.1";
/**
 * The request deadline of the stacks that test what the API answers, not how fast: one jest process does all the
 * CPU work of a concurrent burst (50 accepts, 12 addCustomer) on 2 shared cores, and the production 10 s failed
 * correct answers under load. Deadlines are tested in faults.test.ts, which sets its own.
 */
export const FUNCTIONAL_REQUEST_TIMEOUT_MS = 60_000;

/**
 * How long one service may take to answer after it is started, and a whole process stack: a service answers in
 * about 3 s on a quiet machine, but one took over 60 s at load ~25 on 2 cores (CI beside other work). These tests
 * test what services do, not how fast they start (bench:start-time measures that).
 */
export const SERVICE_READY_MS = 120_000;
export const PROCESS_STACK_READY_MS = 240_000;
/** The timeout of a beforeAll that starts a process stack: the stack's bound and a minute to seed it. */
export const PROCESS_STACK_HOOK_MS = PROCESS_STACK_READY_MS + 60_000;

/** The person who becomes a vendor administrator on first sign-in (VENDOR_ADMIN_EMAILS) in a process stack. */
export const PROCESS_VENDOR_ADMIN = "ops@vendor.process.test";

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServiceProcess {
  name: ServiceName;
  port: number;
  /** The service's /graphql URL. */
  url: string;
  child: ChildProcess;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
  /** Resolves when the process ends. */
  exited: Promise<Exit>;
  /** Sends a signal (SIGTERM, SIGKILL, SIGSTOP, SIGCONT…). */
  signal(signal: NodeJS.Signals): void;
  /** The exit, or null when the process is still running after `ms`. */
  waitForExit(ms: number): Promise<Exit | null>;
}

export interface ProcessStack {
  /** The gateway's /graphql URL. */
  url: string;
  gateway: ServiceProcess;
  subgraphs: Record<SubgraphName, ServiceProcess>;
  /** The environment every service was started with (ports and URLs included). */
  env: Record<string, string>;
  /**
   * Starts a service again on its port (after a kill or a SIGTERM; a running one is killed first), waiting until
   * it answers; `env` adds or overrides settings for this start only.
   */
  restart(name: ServiceName, env?: Record<string, string>): Promise<ServiceProcess>;
  /** SIGTERM to every service still running (SIGCONT first), SIGKILL to any still alive after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** Polls `url` until it answers 200, for at most `ms`. */
export async function waitForOk(url: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer 200 within ${ms} ms (last: ${last})`);
}

/** Starts one service as its own process and waits until it answers /health (subgraphs) or /ready (gateway). */
export async function startService(
  name: ServiceName,
  port: number,
  env: Record<string, string>,
  readyWithinMs = SERVICE_READY_MS,
): Promise<ServiceProcess> {
  return startScript([SERVE, name], name, port, env, readyWithinMs);
}

/**
 * `npm start` as its own process (scripts/dist/start.js: the gateway and every subgraph in one process) on free
 * loopback ports, waiting until the gateway is ready. Its subgraphs listen on the ports of the *_URL it is given.
 */
export async function startAllInOne(
  env: Record<string, string> = {},
  readyWithinMs = SERVICE_READY_MS,
): Promise<ServiceProcess> {
  const urls: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) urls[`${name.toUpperCase()}_URL`] = `http://${HOST}:${await freePort()}/graphql`;
  const port = await freePort();
  return startScript([START], "gateway", port, { NODE_ENV: "test", LISTEN_HOST: HOST, ...urls, ...env }, readyWithinMs);
}

async function startScript(
  args: string[],
  name: ServiceName,
  port: number,
  env: Record<string, string>,
  readyWithinMs: number,
): Promise<ServiceProcess> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  reapedWithTheTestFile(child);
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<Exit>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const service: ServiceProcess = {
    name,
    port,
    url: `http://${HOST}:${port}/graphql`,
    child,
    output: () => output,
    exited,
    signal: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    waitForExit: (ms) =>
      Promise.race([exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms).unref())]),
  };
  const probe = `http://${HOST}:${port}/${name === "gateway" ? "ready" : "health"}`;
  try {
    await Promise.race([
      waitForOk(probe, readyWithinMs).catch((error: Error) => {
        throw new Error(`${error.message}; ${name}'s output:\n${output.slice(-3000)}`);
      }),
      exited.then((exit) => {
        throw new Error(`${name} exited (${JSON.stringify(exit)}) before answering:\n${output}`);
      }),
    ]);
  } catch (error) {
    service.signal("SIGKILL");
    throw error;
  }
  return service;
}

/** Hands the child to the test environment, which kills it if the test file never stops it (see environment.ts). */
function reapedWithTheTestFile(child: ChildProcess): void {
  const children = (globalThis as { serviceChildren?: Set<ChildProcess> }).serviceChildren;
  if (!children) return;
  children.add(child);
  child.once("exit", () => children.delete(child));
}

/**
 * The four subgraphs and the gateway, each its own process on a free port, all told where the others are.
 * On MySQL (DATABASE_URL) they share this test run's databases; on the embedded database each process has
 * its own, empty one. `env` adds or overrides settings for every service.
 */
export async function startProcessStack(options: { env?: Record<string, string> } = {}): Promise<ProcessStack> {
  const ports = {} as Record<ServiceName, number>;
  for (const name of [...SUBGRAPH_NAMES, "gateway"] as ServiceName[]) ports[name] = await freePort();
  const env: Record<string, string> = {
    NODE_ENV: "test",
    LISTEN_HOST: HOST,
    VENDOR_ADMIN_EMAILS: PROCESS_VENDOR_ADMIN,
    // Generous (see FUNCTIONAL_REQUEST_TIMEOUT_MS); a test of deadlines sets its own.
    REQUEST_TIMEOUT_MS: String(FUNCTIONAL_REQUEST_TIMEOUT_MS),
    ...Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, `http://${HOST}:${ports[name]}/graphql`]),
    ),
    ...options.env,
  };
  const running = new Map<ServiceName, ServiceProcess>();
  const stop = async (graceMs = 15_000) => {
    const services = [...running.values()];
    for (const service of services) {
      service.signal("SIGCONT");
      service.signal("SIGTERM");
    }
    await Promise.all(
      services.map(async (service) => {
        if (!(await service.waitForExit(graceMs))) {
          service.signal("SIGKILL");
          await service.waitForExit(5_000);
        }
      }),
    );
  };
  try {
    // Identity first (the others ask it at start-up), then the other subgraphs side by side (each kind migrates
    // its own database on MySQL, so they do not wait on each other), then the gateway, which composes them.
    const readyBy = Date.now() + PROCESS_STACK_READY_MS;
    const start = async (name: ServiceName) =>
      void running.set(name, await startService(name, ports[name], env, Math.max(1, readyBy - Date.now())));
    await start("identity");
    const others = await Promise.allSettled(SUBGRAPH_NAMES.filter((name) => name !== "identity").map(start));
    const failed = others.find((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected");
    if (failed) throw failed.reason;
    await start("gateway");
  } catch (error) {
    await stop(2_000);
    throw error;
  }
  const stack: ProcessStack = {
    url: `http://${HOST}:${ports.gateway}/graphql`,
    get gateway() {
      return running.get("gateway")!;
    },
    get subgraphs() {
      return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, running.get(name)!])) as Record<
        SubgraphName,
        ServiceProcess
      >;
    },
    env,
    restart: async (name, extraEnv = {}) => {
      const previous = running.get(name);
      if (previous && !(await previous.waitForExit(0))) {
        previous.signal("SIGCONT");
        previous.signal("SIGKILL");
        await previous.waitForExit(5_000);
      }
      const service = await startService(name, ports[name], { ...env, ...extraEnv });
      running.set(name, service);
      return service;
    },
    stop,
  };
  return stack;
}
