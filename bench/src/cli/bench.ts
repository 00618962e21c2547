import { config } from "@partnergraph/kit";
import { execSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BenchSettings, runBench, Statements } from "../run/bench";
import { chart } from "../run/chart";
import { table } from "../run/report";
import { parseArgs } from "./args";

const USAGE = `usage: npm run bench [-- --quick | --smoke] [--rounds N] [--seconds S | --requests N] [--warmup S]
                 [--connections C]
                 [--partners N] [--customers N] [--seed N] [--prefix P] [--update-pins]
                 [--profile DIR]  (a V8 CPU profile of every process, written when it stops)
Needs DATABASE_URL (MySQL). Writes bench/results/<date>-<commit>.json, latest.json and latest.svg (not --smoke).`;

/** Sizes and durations of each mode: the full run, the quick one (under five minutes) and CI's smoke. */
const MODES: Record<string, Omit<BenchSettings, "mode">> = {
  full: {
    seed: { partners: 1000, customers: 100_000 },
    prefix: "partnergraph_bench_",
    rounds: 3,
    amount: { seconds: 8 },
    warmup: { seconds: 2 },
    connections: 8,
    settle: true,
  },
  quick: {
    seed: { partners: 100, customers: 12_000 },
    prefix: "partnergraph_benchq_",
    rounds: 2,
    amount: { seconds: 3 },
    warmup: { seconds: 1 },
    connections: 8,
    settle: true,
  },
  smoke: {
    seed: { partners: 10, customers: 6_100 },
    prefix: "partnergraph_benchs_",
    rounds: 1,
    amount: { requests: 24 },
    warmup: { requests: 4 },
    connections: 4,
    // A fixed number of requests for the pins: its timings are not evidence, so it does not wait a minute.
    settle: false,
  },
};

const RESULTS_DIR = join(__dirname, "..", "..", "results");
/** The SQL statements per request, per engine, operation and service, that CI's smoke holds the code to. */
const PINS_PATH = join(__dirname, "..", "..", "sql-per-request.json");

/** What the pins say about each measured cell that differs from them (every partner size against one pin). */
function pinDifferences(statements: Statements): string[] {
  const pins = existsSync(PINS_PATH)
    ? (JSON.parse(readFileSync(PINS_PATH, "utf8")) as Record<string, Record<string, Record<string, number>>>)
    : {};
  const differences: string[] = [];
  for (const [engine, operations] of Object.entries(statements)) {
    for (const [operation, bySize] of Object.entries(operations)) {
      for (const [size, byService] of Object.entries(bySize!)) {
        const pinned = pins[engine]?.[operation];
        if (!isDeepEqual(pinned, byService))
          differences.push(
            `${engine} ${operation} (${size} customers): ${JSON.stringify(byService)}, pinned ${JSON.stringify(pinned)}`,
          );
      }
    }
  }
  return differences;
}
const isDeepEqual = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Each engine and operation's statements by service, from the first partner size measured (they must all agree). */
function pinsOf(statements: Statements) {
  return Object.fromEntries(
    Object.entries(statements).map(([engine, operations]) => [
      engine,
      Object.fromEntries(Object.entries(operations).map(([op, bySize]) => [op, Object.values(bySize!)[0]])),
    ]),
  );
}

function commitId(): string {
  try {
    const id = execSync("git rev-parse --short HEAD", { encoding: "utf8" }).trim();
    const dirty = execSync("git status --porcelain --untracked-files=no", { encoding: "utf8" }).trim();
    return dirty ? `${id}-dirty` : id;
  } catch {
    return "unknown";
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) return console.log(USAGE);
  if (!config().databaseUrl)
    throw new Error("the benchmark runs on MySQL: set DATABASE_URL (e.g. mysql://root@127.0.0.1:3306)");
  const mode = args.smoke ? "smoke" : args.quick ? "quick" : "full";
  const preset = MODES[mode];
  const number = (name: string, fallback: number) => (typeof args[name] === "number" ? args[name] : fallback);
  const settings: BenchSettings = {
    mode,
    seed: {
      ...preset.seed,
      ...(typeof args.partners === "number" ? { partners: args.partners } : {}),
      ...(typeof args.customers === "number" ? { customers: args.customers } : {}),
      ...(typeof args.seed === "number" ? { seed: args.seed } : {}),
    },
    prefix: typeof args.prefix === "string" ? args.prefix : preset.prefix,
    rounds: number("rounds", preset.rounds),
    amount:
      typeof args.requests === "number"
        ? { requests: args.requests }
        : typeof args.seconds === "number"
          ? { seconds: args.seconds }
          : preset.amount,
    warmup: typeof args.warmup === "number" ? { seconds: args.warmup } : preset.warmup,
    connections: number("connections", preset.connections),
    profileDir: typeof args.profile === "string" ? args.profile : undefined,
    settle: preset.settle,
  };
  const started = performance.now();
  const { report, statements, cells } = await runBench(settings, (line) =>
    console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`),
  );
  report.commit = commitId();
  console.log(`\n${table(report, cells)}\n`);

  if (args.updatePins) {
    writeFileSync(PINS_PATH, JSON.stringify(pinsOf(statements), null, 2) + "\n");
    console.log(`wrote ${PINS_PATH}`);
  }
  const differences = pinDifferences(statements);
  if (mode !== "smoke") {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const json = JSON.stringify(report, null, 2) + "\n";
    const name = `${report.date.slice(0, 10)}-${report.commit}${mode === "full" ? "" : `-${mode}`}`;
    writeFileSync(join(RESULTS_DIR, `${name}.json`), json);
    writeFileSync(join(RESULTS_DIR, "latest.json"), json);
    writeFileSync(join(RESULTS_DIR, "latest.svg"), chart(report, cells));
    console.log(`wrote bench/results/${name}.json, latest.json and latest.svg`);
  }
  console.log(`${mode} run took ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (differences.length) {
    console.error(
      `SQL statements per request differ from bench/sql-per-request.json:\n  ${differences.join("\n  ")}\n` +
        "(a new per-row query, or a saving: run npm run bench -- --smoke --update-pins and commit the pins)",
    );
    process.exit(mode === "smoke" ? 1 : 0);
  }
  const errors = Object.values(report.results).flatMap((ops) =>
    Object.values(ops).flatMap((bySize) => Object.values(bySize).map((c) => c.errors)),
  );
  // Reported, not failed on: under load on a shared machine a request can outlive its deadline.
  if (errors.some((n) => n > 0)) console.warn("some requests failed under load: see the errors column");
}

main().catch((error) => {
  console.error((error as Error).stack ?? error);
  console.error(USAGE);
  process.exit(1);
});
