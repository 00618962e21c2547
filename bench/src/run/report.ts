import type { Amount } from "./load";
import type { Sample } from "./measure";
import { Engine, ENGINES, Operation, Scenario } from "./scenarios";

/** One engine, operation and partner size: medians over the rounds, the req/s spread, and the per-round figures. */
export interface Cell {
  rps: number;
  rpsMin: number;
  rpsMax: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  gatewayRssMb: number;
  gatewayCpuMsPerRequest: number;
  subgraphCpuMsPerRequest: number;
  sqlPerRequest: number;
  sqlByService: Record<string, number>;
  rounds: { rps: number; p50Ms: number; p99Ms: number }[];
}

export interface Ratio {
  /** What the issue asks of it (a floor for req/s ratios, a ceiling for the p50 ratio). */
  target: number;
  atLeast: boolean;
  /** Median over rounds (and partner sizes), with the lowest and highest round. */
  median: number;
  min: number;
  max: number;
  met: boolean;
  /** Rounds left out because a cell in them finished no request (p50 and req/s 0 on a saturated machine). */
  leftOut?: number;
}

export type Results = Record<Engine, Partial<Record<Operation, Record<string, Cell>>>>;

export interface BenchReport {
  date: string;
  commit: string;
  mode: string;
  machine: { cpus: number; node: string; loadAverage: number[] };
  seed: Record<string, unknown>;
  settings: { connections: number; amount: Amount; warmup: Amount; rounds: number };
  results: Results;
  ratios: Record<string, Ratio>;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export function cell(samples: Sample[], sqlByService: Record<string, number>): Cell {
  const rps = samples.map((s) => s.rps);
  return {
    rps: round(median(rps), 1),
    rpsMin: round(Math.min(...rps), 1),
    rpsMax: round(Math.max(...rps), 1),
    p50Ms: round(median(samples.map((s) => s.p50Ms))),
    p99Ms: round(median(samples.map((s) => s.p99Ms))),
    errors: samples.reduce((sum, s) => sum + s.errors, 0),
    gatewayRssMb: round(Math.max(...samples.map((s) => s.gatewayRssMb)), 1),
    gatewayCpuMsPerRequest: round(median(samples.map((s) => s.gatewayCpuMsPerRequest))),
    subgraphCpuMsPerRequest: round(median(samples.map((s) => s.subgraphCpuMsPerRequest))),
    sqlPerRequest: Object.values(sqlByService).reduce((a, b) => a + b, 0),
    sqlByService,
    rounds: samples.map((s) => ({ rps: round(s.rps, 1), p50Ms: s.p50Ms, p99Ms: s.p99Ms })),
  };
}

function ratio(all: number[], target: number, atLeast: boolean): Ratio {
  // A cell that finished nothing in its window gives 0 or Infinity, which says nothing about the ratio.
  const perRound = all.filter((value) => Number.isFinite(value) && value > 0);
  const value = round(median(perRound));
  return {
    target,
    atLeast,
    median: value,
    min: round(Math.min(...perRound)),
    max: round(Math.max(...perRound)),
    met: atLeast ? value >= target : value <= target,
    ...(perRound.length < all.length ? { leftOut: all.length - perRound.length } : {}),
  };
}

/**
 * The issue's ratios, each from figures of the same round (the machine is shared: only ratios within a run
 * mean much): PartnerDashboard req/s against Hive Gateway and against the monolith (every partner size, every
 * round), p50 of the 5,000-customer partner against the 50-customer one, and the gateway's peak RSS.
 */
export function ratios(results: Results, dashboardSizes: number[]): Record<string, Ratio> {
  const dashboard = (engine: Engine) => results[engine].PartnerDashboard!;
  const perRound = (of: (engine: Engine, size: string, round: number) => number, a: Engine, b: Engine) =>
    dashboardSizes.flatMap((size) =>
      dashboard(a)[size].rounds.map((_, r) => of(a, String(size), r) / of(b, String(size), r)),
    );
  const rpsOf = (engine: Engine, size: string, r: number) => dashboard(engine)[size].rounds[r].rps;
  const largest = String(Math.max(...dashboardSizes));
  const smallest = String(Math.min(...dashboardSizes));
  const ours = dashboard("partnergraph");
  const rss = Object.values(results.partnergraph).flatMap((bySize) => Object.values(bySize).map((c) => c.gatewayRssMb));
  return {
    dashboardRpsVsHive: ratio(perRound(rpsOf, "partnergraph", "hive"), 1.2, true),
    dashboardRpsVsMonolith: ratio(perRound(rpsOf, "partnergraph", "monolith"), 0.5, true),
    dashboardP50LargestVsSmallest: ratio(
      ours[largest].rounds.map((r, i) => r.p50Ms / ours[smallest].rounds[i].p50Ms),
      1.2,
      false,
    ),
    gatewayRssMb: {
      target: 300,
      atLeast: false,
      median: Math.max(...rss),
      min: Math.min(...rss),
      max: Math.max(...rss),
      met: Math.max(...rss) <= 300,
    },
  };
}

const pad = (text: string | number, width: number) => String(text).padStart(width);

/** The one table: every cell, then the ratios. */
export function table(report: BenchReport, cells: Scenario[]): string {
  const header = [
    "engine".padEnd(13),
    "operation".padEnd(17),
    pad("cust.", 6),
    pad("req/s", 7),
    pad("(min–max)", 13),
    pad("p50 ms", 8),
    pad("p99 ms", 8),
    pad("errors", 7),
    pad("gw RSS MB", 10),
    pad("gw CPU ms/req", 14),
    pad("subgraph CPU ms/req", 20),
    pad("SQL/req", 8),
  ].join(" ");
  const lines = [header, "-".repeat(header.length)];
  for (const scenario of cells) {
    for (const engine of ENGINES) {
      const c = report.results[engine][scenario.operation]?.[String(scenario.size)];
      if (!c) continue;
      lines.push(
        [
          engine.padEnd(13),
          scenario.operation.padEnd(17),
          pad(scenario.size, 6),
          pad(c.rps.toFixed(1), 7),
          pad(`(${c.rpsMin.toFixed(0)}–${c.rpsMax.toFixed(0)})`, 13),
          pad(c.p50Ms.toFixed(1), 8),
          pad(c.p99Ms.toFixed(1), 8),
          pad(c.errors, 7),
          pad(c.gatewayRssMb.toFixed(0), 10),
          pad(c.gatewayCpuMsPerRequest.toFixed(2), 14),
          pad(c.subgraphCpuMsPerRequest.toFixed(2), 20),
          pad(c.sqlPerRequest, 8),
        ].join(" "),
      );
    }
  }
  lines.push("");
  for (const [name, r] of Object.entries(report.ratios)) {
    lines.push(
      `${name.padEnd(30)} ${pad(r.median, 7)}  (rounds ${r.min}–${r.max}${r.leftOut ? `, ${r.leftOut} without answers left out` : ""})  target ${r.atLeast ? "≥" : "≤"} ${r.target}: ${r.met ? "met" : "NOT met"}`,
    );
  }
  return lines.join("\n");
}
