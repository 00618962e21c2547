import { setFlagsFromString } from "node:v8";

/**
 * Bounds how far the gateway's heap grows past what it holds. Under load V8 lets the old generation grow up to four
 * times the live heap before a full collection: the gateway holds about 60 MB after one, yet its RSS reached 317–364
 * MB in the benchmark's quick cells. With a fixed factor of 1.5 the same load peaked at 207–210 MB, for gateway CPU per
 * request within the runs' noise (README, Performance). A soft bound, unlike --max-old-space-size: a burst that needs
 * more heap gets it, where a hard limit would end the process. V8 reads the factor after each collection, so it can
 * be set once the process runs (no node flag for every way the gateway is started).
 */
export function boundHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
