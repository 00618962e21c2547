import { SUPERGRAPH_PATH } from "@partnergraph/gateway";
import { DEMO, setConfig } from "@partnergraph/kit";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, print } from "graphql";
import { devToken } from "./dev-token";
import { launch } from "./launch";

/**
 * `npm run bench [-- REQUESTS CONCURRENCY]`: the demo stack in this process, then PartnerDashboard as
 * Alice (Northwind) and CustomerDetail of Adatum, over HTTP; prints latency percentiles and throughput.
 * A measurement, not a test: compare runs on the same machine.
 */
const [requests, concurrency] = [Number(process.argv[2] ?? 300), Number(process.argv[3] ?? 8)];

function operation(file: string, name: string): string {
  const document = parse(readFileSync(join(__dirname, "..", "..", "schema", "operations", file), "utf8"));
  return print(document.definitions.find((d: any) => d.name?.value === name)!);
}

async function run(url: string, token: string, query: string, variables: Record<string, unknown>) {
  const timings: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < requests) {
      next++;
      const t0 = performance.now();
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      timings.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  timings.sort((a, b) => a - b);
  const at = (p: number) => timings[Math.min(timings.length - 1, Math.floor(p * timings.length))].toFixed(1);
  return `${requests} requests, ${concurrency} at a time: ${(requests / seconds).toFixed(0)} req/s, p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms`;
}

async function main() {
  setConfig({ logLevel: "warn" });
  const stack = await launch({ supergraphSdl: readFileSync(SUPERGRAPH_PATH, "utf8"), port: 0, seedDemo: true });
  try {
    const alice = await devToken(DEMO.users.alice.email);
    const dashboard = operation("dashboard.graphql", "PartnerDashboard");
    const detail = operation("dashboard.graphql", "CustomerDetail");
    await run(stack.gateway.url, alice, dashboard, {}); // warm-up
    console.log(`PartnerDashboard: ${await run(stack.gateway.url, alice, dashboard, {})}`);
    console.log(`CustomerDetail:   ${await run(stack.gateway.url, alice, detail, { id: DEMO.organizations.adatum })}`);
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
