import { setConfig } from "@partnergraph/kit";
import { devToken } from "@partnergraph/scripts";
import { cpus, loadavg } from "node:os";
import { isDeepStrictEqual } from "node:util";
import { buildPlan, ScaleOptions, scaleOptions, seedScale } from "../seed";
import { Amount, load } from "./load";
import { measure, requestFor, Sample, send, statementsPerRequest } from "./measure";
import { BenchReport, cell, ratios, Results } from "./report";
import { Engine, scenarios, Scenario } from "./scenarios";
import { settle } from "./settle";
import { startBenchStack } from "./stack";

export interface BenchSettings {
  mode: string;
  seed: Partial<ScaleOptions>;
  /** Databases `${prefix}<subgraph>`: the benchmark's own, apart from development data. */
  prefix: string;
  rounds: number;
  /** Each measured run: seconds, or a number of requests (the smoke's, whatever the machine's speed). */
  amount: Amount;
  warmup: Amount;
  connections: number;
  /** A directory for every process's CPU profile. */
  profileDir?: string;
  /** Wait before round 1 until the subgraphs' start-up work is over (see settle): not in CI's smoke. */
  settle: boolean;
}

export type Statements = Record<Engine, Partial<Record<string, Record<string, Record<string, number>>>>>;

/** A round's engines in turn: each round starts with the next one, so none always runs first (or last). */
const rotated = <T>(items: T[], round: number) => [
  ...items.slice(round % items.length),
  ...items.slice(0, round % items.length),
];

/**
 * Seeds (or finds) the data set, starts every service and engine as its own process, checks that the engines
 * answer every cell alike, counts SQL statements per request, then measures each cell `rounds` times with the
 * engines alternating. Returns the report and the statements by service.
 */
export async function runBench(
  settings: BenchSettings,
  log: (line: string) => void,
): Promise<{ report: BenchReport; statements: Statements; cells: Scenario[] }> {
  const options = scaleOptions(settings.seed);
  log(
    `seed: ${options.partners} partners, ${options.customers} customers (seed ${options.seed}) in ${settings.prefix}*`,
  );
  const seeded = await seedScale(options, { prefix: settings.prefix });
  log(
    `  ${seeded.tables.reduce((n, t) => n + t.rows, 0).toLocaleString("en-US")} rows ready in ${(seeded.ms / 1000).toFixed(1)} s`,
  );
  const plan = buildPlan(options);
  const cells = scenarios(plan);

  log("starting the subgraphs and the engines, each its own process");
  const stack = await startBenchStack(settings.prefix, log, { profileDir: settings.profileDir });
  // The subgraphs' periodic jobs began before they answered: their first passes come within a minute of now.
  const readyAt = Date.now();
  const samples = new Map<string, Sample[]>();
  const statements: Statements = { partnergraph: {}, hive: {}, monolith: {} };
  try {
    setConfig(stack.secrets);
    const tokens = new Map<string, string>();
    for (const s of cells) if (!tokens.has(s.email)) tokens.set(s.email, await devToken(s.email));
    const request = (engine: Engine, s: Scenario) => requestFor(stack, engine, s, tokens.get(s.email)!);

    log("checking that every engine answers every cell alike");
    for (const s of cells) {
      await send(request("partnergraph", s)); // a first read may record what it finds (a met goal's reward)
      // Data and errors must match; extensions differ by engine (ours reports the request's cost). The subgraphs'
      // start-up scanners (expiry, reminders) may still be adding notifications: a difference must persist.
      const answerOf = ({ data, errors }: { data?: unknown; errors?: unknown[] }) => ({ data, errors });
      for (let attempt = 1; ; attempt++) {
        const [ours, ...others] = await Promise.all(s.engines.map((engine) => send(request(engine, s))));
        if (ours.errors) throw new Error(`${s.operation} (${s.size}): ${JSON.stringify(ours.errors)}`);
        const differing = others.findIndex((answer) => !isDeepStrictEqual(answerOf(answer), answerOf(ours)));
        if (differing < 0) break;
        if (attempt === 10)
          throw new Error(
            `${s.engines[differing + 1]} answers ${s.operation} (${s.size}) differently from partnergraph:\n` +
              firstDifference(answerOf(others[differing]), answerOf(ours)),
          );
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }

    log("counting SQL statements per request");
    for (const s of cells) {
      for (const engine of s.engines) {
        (statements[engine][s.operation] ??= {})[String(s.size)] = await statementsPerRequest(
          stack,
          engine,
          request(engine, s),
        );
      }
    }

    // Fresh processes spend more CPU per request in their first seconds under load (code not yet optimized; a
    // scratch run: gateway 51 vs 28 ms, support 69 vs 21 ms), and the first cell measured always ran on them: our
    // 5,000-customer dashboard, whose round-1 p50 was 1.3–2.1 times the 50-customer one's (quick runs, a smoke).
    log("warming every engine on every cell");
    const warmup =
      "seconds" in settings.warmup
        ? { seconds: 3 * settings.warmup.seconds }
        : { requests: 3 * settings.warmup.requests };
    for (const s of cells) for (const engine of s.engines) await load(request(engine, s), settings.connections, warmup);
    if (settings.settle) {
      log("waiting for the subgraphs' start-up work (first periodic passes and their events) to finish");
      log(`  quiet after ${await settle(stack, readyAt, log)} s`);
    }

    for (let round = 0; round < settings.rounds; round++) {
      log(`round ${round + 1} of ${settings.rounds}`);
      // Every other round runs the cells backwards: no partner size is always measured first (or last).
      for (const s of round % 2 ? [...cells].reverse() : cells) {
        for (const engine of rotated(s.engines, round)) {
          const sample = await measure(stack, engine, request(engine, s), settings);
          const key = `${engine}/${s.operation}/${s.size}`;
          samples.set(key, [...(samples.get(key) ?? []), sample]);
          log(
            // CPU per request tells a cell that cost more from one that waited for others (another process, a job).
            `  ${key}: ${sample.rps.toFixed(1)} req/s, p50 ${sample.p50Ms} ms, p99 ${sample.p99Ms} ms, ${sample.errors} errors, ` +
              `CPU ms/req gateway ${sample.gatewayCpuMsPerRequest.toFixed(0)} subgraphs ${sample.subgraphCpuMsPerRequest.toFixed(0)}`,
          );
        }
      }
    }
  } finally {
    await stack.stop();
  }

  const results: Results = { partnergraph: {}, hive: {}, monolith: {} };
  for (const s of cells) {
    for (const engine of s.engines) {
      (results[engine][s.operation] ??= {})[String(s.size)] = cell(
        samples.get(`${engine}/${s.operation}/${s.size}`)!,
        statements[engine][s.operation]![String(s.size)],
      );
    }
  }
  const dashboardSizes = cells.filter((s) => s.operation === "PartnerDashboard").map((s) => s.size);
  const report: BenchReport = {
    date: new Date().toISOString(),
    commit: "",
    mode: settings.mode,
    machine: {
      cpus: cpus().length,
      node: process.version,
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    },
    seed: { ...options, anchor: options.anchor.toISOString().slice(0, 10), prefix: settings.prefix },
    settings: {
      connections: settings.connections,
      amount: settings.amount,
      warmup: settings.warmup,
      rounds: settings.rounds,
    },
    results,
    ratios: ratios(results, dashboardSizes),
  };
  return { report, statements, cells };
}

/** Where two answers first differ, and the two values there: what a failing equality check must say. */
function firstDifference(a: unknown, b: unknown, path = "answer"): string {
  if (isDeepStrictEqual(a, b)) return "";
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
      if (found) return found;
    }
  }
  return `${path}: ${JSON.stringify(a)?.slice(0, 300)} vs ${JSON.stringify(b)?.slice(0, 300)}`;
}
