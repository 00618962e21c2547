import { config, databaseName, freePort } from "@partnergraph/kit";
import { CreateWebhookDocument } from "@partnergraph/operations";
import { createConnection } from "mysql2/promise";
import { createServer, IncomingMessage, Server } from "node:http";
import { onMysql, PROCESS_STACK_HOOK_MS, ProcessStack, Seed, startProcessStack } from "./testkit";

// A webhooks replica killed (SIGKILL: no goodbye) while sending a delivery leaves its claim on it; another replica
// sends it once the claim's lease (WEBHOOK_CLAIM_LEASE_SECONDS) has run out, and not before. The replicas share
// the delivery table: MySQL only (the embedded database dies with its process).
const mysql = onMysql();
if (!mysql) console.log("webhook-claim-lease: skipped on the embedded database (each process's database dies with it)");
const maybe = mysql ? it : it.skip;

/** Short, so the test waits seconds; longer than one attempt (WEBHOOK_TIMEOUT_MS), as the configuration demands. */
const LEASE_SECONDS = 3;

/** An endpoint that holds the first request open (the sender dies meanwhile) and answers the next ones. */
class HoldingReceiver {
  readonly arrivals: { at: number; eventId: string }[] = [];
  private server: Server | null = null;
  private held: IncomingMessage[] = [];
  port = 0;

  async up(): Promise<void> {
    this.port = await freePort();
    this.server = createServer((request, response) => {
      this.arrivals.push({ at: Date.now(), eventId: String(request.headers["partnergraph-event-id"]) });
      request.resume();
      if (this.arrivals.length === 1) this.held.push(request);
      else request.on("end", () => response.writeHead(204).end());
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, "127.0.0.1", resolve));
  }

  async down(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

let stack: ProcessStack | undefined;
const receiver = new HoldingReceiver();
beforeAll(async () => {
  if (!mysql) return;
  await receiver.up();
  stack = await startProcessStack({
    env: { WEBHOOK_CLAIM_LEASE_SECONDS: String(LEASE_SECONDS), WEBHOOK_TIMEOUT_MS: "2000" },
  });
}, PROCESS_STACK_HOOK_MS);
afterAll(async () => {
  await stack?.stop();
  await receiver.down();
});

async function until<T>(
  what: string,
  probe: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type DeliveryRow = { status: string; attempts: number; claimed_by: string | null; claimed_until: Date | null };

maybe(
  "a delivery claimed by a killed replica is sent by another after the lease, once",
  async () => {
    const seed = new Seed(stack!);
    const partner = await seed.partner();
    await seed.client.ok(partner.admin, CreateWebhookDocument, {
      input: { url: `http://127.0.0.1:${receiver.port}/hooks`, eventTypes: ["CUSTOMER_CONNECTED"] },
    });
    await seed.connect(partner, await seed.customer());

    // The replica is sending (the receiver holds the request): it dies with its claim on the delivery.
    const [sending] = await until("the first attempt", () => receiver.arrivals.length > 0 && receiver.arrivals);
    const replica = stack!.subgraphs.webhooks;
    replica.signal("SIGKILL");
    expect(await replica.waitForExit(5_000)).toBeTruthy();

    const db = await createConnection({
      uri: config().databaseUrl!,
      database: databaseName("webhooks"),
      timezone: "Z",
    });
    try {
      const delivery = async () => {
        const [rows] = await db.query(
          "SELECT d.status, d.attempts, d.claimed_by, d.claimed_until FROM webhook_delivery d WHERE d.event_id = ?",
          [sending.eventId],
        );
        return rows as DeliveryRow[];
      };
      const [claimed] = await delivery();
      expect(claimed).toMatchObject({ status: "PENDING", attempts: 0, claimed_by: expect.any(String) });
      // The lease is the configured one, not the 5-minute default.
      const leaseEnd = claimed.claimed_until!.getTime();
      expect(leaseEnd).toBeGreaterThan(sending.at);
      expect(leaseEnd).toBeLessThanOrEqual(sending.at + LEASE_SECONDS * 1000);

      // Another replica (the service started again) takes the delivery over once the lease ran out, and not before.
      await stack!.restart("webhooks");
      const [, retried] = await until("the retry", () => receiver.arrivals.length > 1 && receiver.arrivals);
      expect(retried.eventId).toBe(sending.eventId);
      expect(retried.at).toBeGreaterThanOrEqual(leaseEnd);
      const [sent] = await until("the delivery's outcome", async () => {
        const rows = await delivery();
        return rows[0]?.status !== "PENDING" && rows;
      });
      expect(sent).toMatchObject({ status: "DELIVERED", attempts: 1, claimed_by: null });
      expect(receiver.arrivals).toHaveLength(2);
    } finally {
      await db.end();
    }
  },
  240_000,
);
