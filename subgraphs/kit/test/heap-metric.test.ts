import { execFile } from "node:child_process";
import { promisify } from "node:util";

/**
 * Measured in a process of its own: a jest worker's heap still holds (and later frees) what earlier test files left,
 * by up to 150 MB in CI, so a baseline taken there says nothing about what this test keeps. The child loads the
 * built kit (`tsc -b` runs before jest), forces major collections and reads the gauge from /metrics' exposition.
 */
const CHILD = `
const { ServiceMetrics } = require("@partnergraph/kit");
const metrics = new ServiceMetrics("heap-test");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** The gauge once \`wanted\` holds (the observer hears of a collection after it, not within it), or its last value. */
async function heapAfterMajorGc(wanted) {
  let bytes = 0;
  for (let i = 0; i < 50 && !wanted(bytes); i++) {
    await sleep(100);
    bytes = Number(/^partnergraph_heap_after_major_gc_bytes (\\d+)/m.exec(await metrics.exposition())?.[1]);
  }
  return bytes;
}
(async () => {
  global.gc();
  const first = await heapAfterMajorGc((bytes) => bytes > 1024 * 1024);
  // Kept alive: 40 MB of arrays more.
  const kept = Array.from({ length: 40 }, () => new Array(128 * 1024).fill(1));
  global.gc();
  const second = await heapAfterMajorGc((bytes) => bytes - first > 30 * 1024 * 1024);
  console.log(JSON.stringify({ first, second, kept: kept.length }));
})();
`;

it("/metrics gives the heap kept alive after the last major collection, the soak's leak signal", async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", "-e", CHILD], { timeout: 20_000 });
  const { first, second, kept } = JSON.parse(stdout) as { first: number; second: number; kept: number };
  expect(first).toBeGreaterThan(1024 * 1024);
  expect(second - first).toBeGreaterThan(30 * 1024 * 1024);
  expect(kept).toBe(40);
}, 30_000);
