import { execSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runSoak, SoakSettings } from "../run/soak";
import { parseArgs } from "./args";

const USAGE = `usage: npm run soak [-- --minutes N | --smoke] [--slice S] [--window M] [--warmup M] [--partners N]
  [--customers N] [--prefix P]
Needs DATABASE_URL (MySQL). Writes bench/results/soak-latest.json (not --smoke; a run shorter than the full 30 minutes
writes bench/results/<date>-<commit>-soak-<N>min.json beside it). --prefix: the databases' prefix (default
partnergraph_soak_, partnergraph_soaks_ for --smoke), to soak beside another run. Fails when a long-running process
died or more than 1% of operations failed; the throughput ratio is reported, not enforced (it is a measurement).`;

/**
 * The full soak (30 minutes) and CI's smoke: a long-running slice, one fresh stack's slice, a long-running slice
 * again (about 30 s of traffic; the long-running processes must survive a fresh stack's start and stop).
 */
const MODES: Record<"full" | "smoke", Omit<SoakSettings, "prefix">> = {
  full: {
    minutes: 30,
    sliceSeconds: 30,
    windowMinutes: 5,
    warmupMinutes: 3,
    partners: 4,
    customers: 10,
    retentionSeconds: 120,
    freshStacks: null,
  },
  smoke: {
    minutes: 1,
    sliceSeconds: 10,
    windowMinutes: 1,
    warmupMinutes: 0,
    partners: 2,
    customers: 3,
    retentionSeconds: 20,
    freshStacks: 1,
  },
};

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const mode = args.smoke ? "smoke" : "full";
  const number = (name: string, fallback: number) => (typeof args[name] === "number" ? args[name] : fallback);
  const base = MODES[mode];
  const settings: SoakSettings = {
    minutes: number("minutes", base.minutes),
    sliceSeconds: number("slice", base.sliceSeconds),
    windowMinutes: number("window", base.windowMinutes),
    warmupMinutes: number("warmup", base.warmupMinutes),
    partners: number("partners", base.partners),
    customers: number("customers", base.customers),
    retentionSeconds: base.retentionSeconds,
    freshStacks: base.freshStacks,
    prefix:
      typeof args.prefix === "string" ? args.prefix : mode === "smoke" ? "partnergraph_soaks_" : "partnergraph_soak_",
  };
  const log = (line: string) => console.log(line);
  const report = await runSoak(settings, log);
  const { window } = report;
  log(
    `last ${settings.windowMinutes} min: long-running ${window.longRunningPerSecond}/s, fresh ${window.freshPerSecond}/s, ` +
      `ratio ${window.ratio} (target >= ${report.target}: ${report.met ? "met" : "NOT met"})`,
  );
  const quarters = (q: ({ peak: number; low: number } | null)[]) =>
    q.map((x) => (x ? `${x.low}-${x.peak}` : "none")).join(", ");
  for (const [name, r] of Object.entries(report.rssMb)) {
    const heap = report.heapAfterGcMb[name];
    log(
      `  RSS ${name}: ${r.firstAfterWarmup} MB after warm-up, ${r.last} MB at the end (peak ${r.peak}); ` +
        `quarters after warm-up, low-peak MB: RSS ${quarters(r.quarters)}; ` +
        `heap after major GC ${quarters(heap?.quarters ?? [])}`,
    );
  }
  for (const [table, r] of Object.entries(report.rows))
    log(`  rows ${table}: ${r.firstAfterWarmup} after warm-up, ${r.last} at the end (peak ${r.peak})`);
  log(`${report.operations} operations, ${report.errors} failed${report.errorSamples.length ? ":" : ""}`);
  for (const sample of report.errorSamples) log(`  ${sample}`);
  if (mode !== "smoke") {
    const dir = join(__dirname, "..", "..", "results");
    mkdirSync(dir, { recursive: true });
    const commit = execSync("git rev-parse --short HEAD", { encoding: "utf8", cwd: dir }).trim();
    const file =
      settings.minutes >= MODES.full.minutes
        ? "soak-latest.json"
        : `${report.startedAt.slice(0, 10)}-${commit}-soak-${settings.minutes}min.json`;
    writeFileSync(join(dir, file), `${JSON.stringify({ commit, ...report }, null, 2)}\n`);
    log(`wrote bench/results/${file}`);
  }
  const failed = report.died.length > 0 || report.errors > 0.01 * Math.max(1, report.operations + report.errors);
  if (report.died.length) log(`died during the soak: ${report.died.join(", ")}`);
  if (failed) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
