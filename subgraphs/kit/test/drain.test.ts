import { callInternal, createHttpServer, drainServer, isDraining, listen } from "@partnergraph/kit";
import type { Server } from "node:http";

// Draining one server: the port closes at once, accepted requests are answered, the rest is cut after the timeout.
const waiting: (() => void)[] = [];
const release = () => waiting.splice(0).forEach((answer) => answer());
let server: Server;
let base: string;

beforeEach(async () => {
  server = createHttpServer({
    internalRoutes: {
      // Answers when the test says so: a request the server has accepted and not yet answered.
      slow: () => new Promise((resolve) => waiting.push(() => resolve({ answered: true }))),
    },
  });
  base = `http://127.0.0.1:${await listen(server, 0)}`;
});
afterEach(() => {
  release();
  server.closeAllConnections();
});

const slowCall = () => callInternal<{ answered: boolean }>(`${base}/graphql`, "slow", {});

async function waitForInFlight(count: number) {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const health = (await (await fetch(`${base}/health`)).json()) as { inFlight: number };
    if (health.inFlight >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`never saw ${count} requests in flight`);
}

it("answers every accepted request, refuses new connections, then resolves true", async () => {
  const calls = [slowCall(), slowCall(), slowCall()];
  await waitForInFlight(3);
  const drained = drainServer(server, 10_000, "test");
  expect(isDraining(server)).toBe(true);
  await expect(fetch(`${base}/ready`)).rejects.toThrow();
  release();
  await expect(Promise.all(calls)).resolves.toEqual([{ answered: true }, { answered: true }, { answered: true }]);
  await expect(drained).resolves.toBe(true);
});

it("cuts what is still open after the timeout and resolves false", async () => {
  const call = slowCall().then(
    () => "answered",
    () => "cut",
  );
  await waitForInFlight(1);
  const started = Date.now();
  await expect(drainServer(server, 300, "test")).resolves.toBe(false);
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(await call).toBe("cut");
});
