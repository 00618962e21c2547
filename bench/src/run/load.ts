// autocannon ships no types; the little used here is typed by hand.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require("autocannon") as (options: Record<string, unknown>) => Promise<AutocannonResult>;

interface AutocannonResult {
  duration: number;
  requests: { total: number; average: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
}

export interface Request {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors, timeouts, non-2xx answers and answers carrying GraphQL errors. */
  errors: number;
}

/** How long, or how many requests (a smoke run: a fixed amount whatever the machine's speed). */
export type Amount = { seconds: number } | { requests: number };

/** Fixed concurrency for a fixed time (or number of requests), every answer checked for GraphQL errors. */
export async function load(request: Request, connections: number, amount: Amount): Promise<LoadResult> {
  const result = await autocannon({
    url: request.url,
    method: "POST",
    headers: request.headers,
    body: request.body,
    connections,
    // autocannon wants at least one request per connection.
    ...("seconds" in amount ? { duration: amount.seconds } : { amount: Math.max(amount.requests, connections) }),
    timeout: 30,
    verifyBody: (body: string) => !body.includes('"errors"'),
  });
  return {
    requests: result.requests.total,
    seconds: result.duration,
    rps: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx + result.mismatches,
  };
}
