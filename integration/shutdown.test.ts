import { SUBGRAPH_NAMES } from "@partnergraph/kit";
import {
  contractOperation,
  Org,
  PROCESS_STACK_HOOK_MS,
  ProcessStack,
  Seed,
  ServiceProcess,
  startAllInOne,
  startProcessStack,
} from "./testkit";

// SIGTERM, as a container runtime sends it: readiness fails, the port closes, every accepted request is
// answered, relays and pools close, the process exits 0. Services in their own processes.
const dashboard = contractOperation("PartnerDashboard");
const IN_FLIGHT = 50;
const EXIT_WITHIN_MS = 30_000;

async function inFlight(service: ServiceProcess): Promise<number> {
  const health = await fetch(service.url.replace(/graphql$/, "health"), { signal: AbortSignal.timeout(2_000) });
  return ((await health.json()) as { inFlight: number }).inFlight;
}

/** Waits (bounded) until the service has accepted `count` requests it has not answered yet. */
async function waitForInFlight(service: ServiceProcess, count: number, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  let seen = 0;
  while (Date.now() < deadline) {
    if ((seen = await inFlight(service)) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${service.name} held ${seen} requests in flight, never ${count}, within ${ms} ms`);
}

/** What /ready says now: a status, or "refused" when the port no longer takes connections. */
async function readiness(service: ServiceProcess): Promise<number | "refused"> {
  try {
    return (await fetch(service.url.replace(/graphql$/, "ready"), { signal: AbortSignal.timeout(2_000) })).status;
  } catch {
    return "refused";
  }
}

describe("SIGTERM with every service in its own process", () => {
  let stack: ProcessStack;
  let partner: Org;
  beforeAll(async () => {
    // A generous request budget: the requests below wait on a paused subgraph on purpose.
    stack = await startProcessStack({ env: { REQUEST_TIMEOUT_MS: "60000" } });
    const seed = new Seed(stack);
    partner = await seed.partner();
    for (let i = 0; i < 2; i++) await seed.connect(partner, await seed.customer());
  }, PROCESS_STACK_HOOK_MS);
  afterAll(() => stack?.stop());

  it(`the gateway answers all ${IN_FLIGHT} requests in flight, takes no new connection, and exits 0`, async () => {
    // Connections paused: every dashboard is held inside the gateway, accepted and unanswered.
    stack.subgraphs.connections.signal("SIGSTOP");
    const requests = Array.from({ length: IN_FLIGHT }, () =>
      new Seed(stack).client.send(partner.admin, dashboard, { first: 10 }),
    );
    try {
      await waitForInFlight(stack.gateway, IN_FLIGHT);
      stack.gateway.signal("SIGTERM");
      // Not ready at once: the port is closed, so a new connection is refused.
      expect(await readiness(stack.gateway)).not.toBe(200);
    } finally {
      stack.subgraphs.connections.signal("SIGCONT");
    }
    const responses = await Promise.all(requests);
    const answered = responses.filter(
      (response) => response.status === 200 && !response.errors && response.data?.customerDashboard?.totalCount === 2,
    );
    if (process.env.SHOW_TIMES) console.log(`SIGTERM to the gateway: ${answered.length} of ${IN_FLIGHT} answered`);
    expect({ answered: answered.length, first: responses[0] }).toEqual({ answered: IN_FLIGHT, first: responses[0] });
    expect(await stack.gateway.waitForExit(EXIT_WITHIN_MS)).toEqual({ code: 0, signal: null });
  });

  it("every subgraph closes its relay and pool and exits 0", async () => {
    const subgraphs = Object.values(stack.subgraphs);
    for (const subgraph of subgraphs) subgraph.signal("SIGTERM");
    const exits = await Promise.all(subgraphs.map((subgraph) => subgraph.waitForExit(EXIT_WITHIN_MS)));
    expect(Object.fromEntries(subgraphs.map((subgraph, i) => [subgraph.name, exits[i]]))).toEqual(
      Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, { code: 0, signal: null }])),
    );
  });
});

it("npm start (everything in one process) exits 0 on SIGTERM", async () => {
  const all = await startAllInOne();
  try {
    expect(await readiness(all)).toBe(200);
    all.signal("SIGTERM");
    expect(await all.waitForExit(EXIT_WITHIN_MS)).toEqual({ code: 0, signal: null });
  } finally {
    all.signal("SIGKILL");
  }
}, 120_000);
