import { config, databaseName, dropMysqlDatabase, freePort, setConfig, SUBGRAPH_NAMES } from "@partnergraph/kit";
import { createConnection } from "mysql2/promise";
import { BenchProcess, startProcess } from "./processes";
import { rssMb } from "./proc-stats";
import { SOAK_VENDOR_ADMIN, SoakTraffic, Tally } from "./soak-traffic";
import { freshSecrets, productionEnv, Secrets } from "./stack";

/**
 * The soak: mixed contract traffic against a long-running stack and, alternating with it slice by slice, a stack
 * started fresh for each of its slices, both on the same databases. This machine's speed drifts within minutes,
 * so only the ratio of the two over the same window means anything: the long-running stack's operations per
 * second over the last minutes ÷ the fresh stacks'. Also RSS of every long-running process and the event tables'
 * row counts, sampled over time (the events are pruned with a short retention here).
 */
export interface SoakSettings {
  minutes: number;
  /** Seconds of traffic per slice. */
  sliceSeconds: number;
  /** Minutes at the end over which the ratio is taken (all of the run when shorter). */
  windowMinutes: number;
  /** Samples before this many minutes are warm-up: RSS and rows are compared from the first one after. */
  warmupMinutes: number;
  partners: number;
  customers: number;
  prefix: string;
  /** The event retention of the soak's services (pruned every few seconds). */
  retentionSeconds: number;
  /** At most this many fresh stacks (each for one slice), then long-running slices to the end; null: no limit. */
  freshStacks: number | null;
}

export interface Slice {
  stack: "long-running" | "fresh";
  /** Seconds since the soak started, when the slice began. */
  at: number;
  seconds: number;
  operations: number;
  errors: number;
  perSecond: number;
}

interface Sample {
  at: number;
  value: number;
}

interface Summary {
  firstAfterWarmup: number;
  last: number;
  peak: number;
  /** The samples after warm-up in four equal spans of time: each one's highest and lowest (null: no sample). */
  quarters: ({ peak: number; low: number } | null)[];
  samples: Sample[];
}

export interface SoakReport {
  settings: SoakSettings;
  startedAt: string;
  slices: Slice[];
  window: { fromSecond: number; longRunningPerSecond: number; freshPerSecond: number; ratio: number };
  target: number;
  met: boolean;
  operations: number;
  errors: number;
  errorSamples: string[];
  /** The long-running stack's processes: resident memory over time. */
  rssMb: Record<string, Summary>;
  /**
   * The same processes' heap kept alive at their last major collection (their /metrics), over time. RSS follows
   * the garbage between collections and V8's sizing of its spaces, and wanders by tens of MB under steady traffic;
   * this rises when something leaks.
   */
  heapAfterGcMb: Record<string, Summary>;
  /** Event tables' rows over time (`subgraph.table`). */
  rows: Record<string, Summary>;
  /** Processes of the long-running stack that exited during the soak. */
  died: string[];
}

const EVENT_TABLES = [
  ["identity", "outbox_event"],
  ["identity", "applied_event"],
  ["connections", "outbox_event"],
  ["entitlements", "outbox_event"],
  ["support", "outbox_event"],
  ["support", "applied_event"],
  ["webhooks", "applied_event"],
] as const;

interface SoakStack {
  gatewayUrl: string;
  processes: BenchProcess[];
  stop(): Promise<void>;
}

/** Identity first (the others ask it at start-up, and it migrates), then the other subgraphs, then the gateway. */
async function startSoakStack(settings: SoakSettings, secrets: Secrets, log: (line: string) => void) {
  const ports: Record<string, number> = {};
  for (const name of [...SUBGRAPH_NAMES, "gateway"]) ports[name] = await freePort();
  const env = {
    ...productionEnv(settings.prefix, secrets, ports),
    VENDOR_ADMIN_EMAILS: SOAK_VENDOR_ADMIN,
    EVENT_RETENTION_SECONDS: String(settings.retentionSeconds),
    EVENT_PRUNE_INTERVAL_MS: "5000",
    // Every partner's worker reads scorecards as the one vendor administrator: on a fast machine that is more than
    // the vendor's budget. The limiter still runs and charges (its memory is soaked too), it never refuses.
    RATE_LIMIT_COST_PER_MINUTE: String(Number.MAX_SAFE_INTEGER),
  };
  const processes: BenchProcess[] = [];
  const stop = () => Promise.all(processes.map((p) => p.stop())).then(() => undefined);
  try {
    const start = async (name: string) => {
      const probe = name === "gateway" ? "/ready" : "/health";
      processes.push(await startProcess("service", name, ports[name], env, probe));
    };
    await start("identity");
    await Promise.all(SUBGRAPH_NAMES.filter((name) => name !== "identity").map(start));
    await start("gateway");
  } catch (error) {
    await stop();
    throw error;
  }
  log(`  started ${processes.map((p) => `${p.name} (pid ${p.pid})`).join(", ")}`);
  return { gatewayUrl: `http://127.0.0.1:${ports.gateway}/graphql`, processes, stop } satisfies SoakStack;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The heap a process kept alive at its last major collection (MB, its /metrics); null unanswered or none yet. */
async function heapAfterGcMb(process: BenchProcess): Promise<number | null> {
  try {
    const url = process.url.replace(/\/graphql$/, "/metrics");
    const text = await (await fetch(url, { signal: AbortSignal.timeout(5000) })).text();
    const bytes = Number(/^partnergraph_heap_after_major_gc_bytes(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1] ?? 0);
    return bytes ? Number((bytes / 1048576).toFixed(1)) : null;
  } catch {
    return null;
  }
}

function summary(samples: Sample[], warmupSeconds: number, endSeconds: number): Summary {
  const after = samples.filter((s) => s.at >= warmupSeconds);
  const first = after[0] ?? samples[samples.length - 1];
  const span = Math.max(1, endSeconds - warmupSeconds) / 4;
  const quarters = [0, 1, 2, 3].map((q) => {
    const values = after
      .filter((s) => Math.min(3, Math.floor((s.at - warmupSeconds) / span)) === q)
      .map((s) => s.value);
    return values.length ? { peak: Math.max(...values), low: Math.min(...values) } : null;
  });
  return {
    firstAfterWarmup: first?.value ?? 0,
    last: samples[samples.length - 1]?.value ?? 0,
    peak: Math.max(0, ...samples.map((s) => s.value)),
    quarters,
    samples,
  };
}

export async function runSoak(settings: SoakSettings, log: (line: string) => void): Promise<SoakReport> {
  const url = config().databaseUrl;
  if (!url) throw new Error("DATABASE_URL must point at MySQL (e.g. mysql://root@127.0.0.1:3306)");
  setConfig({ databasePrefix: settings.prefix });
  for (const name of SUBGRAPH_NAMES) await dropMysqlDatabase(url, databaseName(name));
  const secrets = freshSecrets();
  setConfig({ jwtSecret: secrets.jwtSecret });
  // Seconds are counted from the first slice (samples taken while starting and seeding come out negative).
  let startedAt = Date.now();
  const elapsed = () => (Date.now() - startedAt) / 1000;

  log("starting the long-running stack");
  const long = await startSoakStack(settings, secrets, log);
  const mysql = await createConnection({ uri: url });
  const rss = new Map<string, Sample[]>(long.processes.map((p) => [p.name, []]));
  const heap = new Map<string, Sample[]>(long.processes.map((p) => [p.name, []]));
  const rows = new Map<string, Sample[]>(EVENT_TABLES.map(([subgraph, table]) => [`${subgraph}.${table}`, []]));
  const died = new Set<string>();
  const sample = async () => {
    for (const p of long.processes) {
      if (alive(p.pid)) rss.get(p.name)!.push({ at: elapsed(), value: Math.round(rssMb(p.pid)) });
      else died.add(p.name);
    }
    for (const p of long.processes.filter((p) => !died.has(p.name))) {
      const value = await heapAfterGcMb(p);
      if (value !== null) heap.get(p.name)!.push({ at: elapsed(), value });
    }
    for (const [subgraph, table] of EVENT_TABLES) {
      const [result] = await mysql.query(`SELECT COUNT(*) AS n FROM \`${databaseName(subgraph)}\`.\`${table}\``);
      rows.get(`${subgraph}.${table}`)!.push({ at: elapsed(), value: Number((result as { n: number }[])[0].n) });
    }
  };
  const sampler = setInterval(() => void sample().catch((error) => log(`  sampling failed: ${error}`)), 10_000);
  const slices: Slice[] = [];
  const tally: Tally = { operations: 0, errors: 0, samples: [] };
  try {
    log(`seeding ${settings.partners} partners with ${settings.customers} customers each through the API`);
    const traffic = await SoakTraffic.seed(long.gatewayUrl, settings.partners, settings.customers);
    startedAt = Date.now();
    const end = startedAt + settings.minutes * 60_000;
    const slice = async (stack: Slice["stack"], gatewayUrl: string) => {
      const at = elapsed();
      const until = Math.min(end, Date.now() + settings.sliceSeconds * 1000);
      const result = await traffic.run(gatewayUrl, until);
      const seconds = elapsed() - at;
      tally.operations += result.operations;
      tally.errors += result.errors;
      tally.samples.push(...result.samples.slice(0, Math.max(0, 5 - tally.samples.length)));
      const { operations, errors } = result;
      const perSecond = Number((operations / seconds).toFixed(2));
      slices.push({ stack, at: Math.round(at), seconds: Number(seconds.toFixed(1)), operations, errors, perSecond });
      log(`  ${Math.round(at)} s ${stack}: ${perSecond} operations/s, ${errors} errors`);
    };
    let freshStarted = 0;
    while (Date.now() < end) {
      await slice("long-running", long.gatewayUrl);
      if (Date.now() >= end || freshStarted === settings.freshStacks) break;
      freshStarted++;
      // Started while nobody sends, so its start-up slows no slice; stopped before the next one.
      const fresh = await startSoakStack(settings, secrets, () => undefined);
      try {
        await slice("fresh", fresh.gatewayUrl);
      } finally {
        await fresh.stop();
      }
    }
    await sample();
  } finally {
    clearInterval(sampler);
    await mysql.end();
    await long.stop();
  }

  // Slices that ended within the window; a stack with none there (slices longer than the window) its last one.
  const fromSecond = Math.max(0, elapsed() - settings.windowMinutes * 60);
  const rate = (stack: Slice["stack"]) => {
    const mine = slices.filter((s) => s.stack === stack);
    const ended = mine.filter((s) => s.at + s.seconds >= fromSecond);
    const inWindow = ended.length ? ended : mine.slice(-1);
    const seconds = inWindow.reduce((n, s) => n + s.seconds, 0);
    return seconds ? inWindow.reduce((n, s) => n + s.operations, 0) / seconds : 0;
  };
  const longRunningPerSecond = rate("long-running");
  const freshPerSecond = rate("fresh");
  const ratio = freshPerSecond ? longRunningPerSecond / freshPerSecond : 0;
  const warmupSeconds = settings.warmupMinutes * 60;
  const endSeconds = elapsed();
  const summaries = (samples: Map<string, Sample[]>) =>
    Object.fromEntries([...samples].map(([name, s]) => [name, summary(s, warmupSeconds, endSeconds)]));
  return {
    settings,
    startedAt: new Date(startedAt).toISOString(),
    slices,
    window: {
      fromSecond: Math.round(fromSecond),
      longRunningPerSecond: Number(longRunningPerSecond.toFixed(2)),
      freshPerSecond: Number(freshPerSecond.toFixed(2)),
      ratio: Number(ratio.toFixed(3)),
    },
    target: 0.9,
    met: ratio >= 0.9,
    operations: tally.operations,
    errors: tally.errors,
    errorSamples: tally.samples,
    rssMb: summaries(rss),
    heapAfterGcMb: summaries(heap),
    rows: summaries(rows),
    died: [...died],
  };
}
