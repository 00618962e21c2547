import { SUBGRAPH_NAMES } from "@partnergraph/kit";
import { cpuMs } from "./proc-stats";
import type { BenchStack } from "./stack";

/** The subgraphs' periodic jobs (expiry scan, pruning, consent and grant ends) first run this long after they start. */
const FIRST_PASS_MS = 60_000;
/** A window in which the subgraphs together use less CPU than this share of one core is quiet. */
const QUIET_WINDOW_MS = 5_000;
const QUIET_SHARE = 0.06;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the subgraphs' start-up work is over before anything is measured: their periodic jobs' first passes
 * (60 s after start) and the events those publish. On a data set whose reminders fell due since its last use,
 * the expiry scan sends thousands (here 3,134: entitlements, support and webhooks together most of a core for over
 * a minute), and the cells measured meanwhile paid for it; a round's first cell, the 5,000-customer dashboard,
 * most often. Returns the seconds waited (at most `maxMs`).
 */
export async function settle(
  stack: BenchStack,
  /** When the subgraphs answered (their jobs had started by then). */
  readyAt: number,
  log: (line: string) => void,
  maxMs = 300_000,
): Promise<number> {
  const began = Date.now();
  const pids = SUBGRAPH_NAMES.map((name) => stack.subgraphs[name].pid);
  const used = () => pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
  const firstPass = readyAt + FIRST_PASS_MS + QUIET_WINDOW_MS;
  if (Date.now() < firstPass) await sleep(firstPass - Date.now());
  while (Date.now() - began < maxMs) {
    const before = used();
    await sleep(QUIET_WINDOW_MS);
    const share = (used() - before) / QUIET_WINDOW_MS;
    if (share < QUIET_SHARE) break;
    log(`  subgraphs still busy (${Math.round(share * 100)}% of a core)`);
  }
  return Math.round((Date.now() - began) / 1000);
}
