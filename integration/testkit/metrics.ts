/** Reads Prometheus text: the sum of the samples of `name` whose labels include `labels`. */
export function sample(exposition: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  let found = false;
  for (const line of exposition.split("\n")) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = Object.fromEntries(
      [...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => have[key] === value)) {
      sum += Number(match[3]);
      found = true;
    }
  }
  return found ? sum : NaN;
}

/** GET a service's /metrics (its /graphql URL given). */
export async function scrape(graphqlUrl: string): Promise<string> {
  const response = await fetch(graphqlUrl.replace(/\/graphql$/, "/metrics"), { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`/metrics answered ${response.status}`);
  return response.text();
}
