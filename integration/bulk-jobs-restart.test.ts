import { databaseName } from "@partnergraph/kit";
import { BulkJobDocument, StartBulkJobDocument } from "@partnergraph/operations";
import { createConnection } from "mysql2/promise";
import { customersToAdd, onMysql, PROCESS_STACK_HOOK_MS, ProcessStack, Seed, startProcessStack } from "./testkit";

// Killing the connections service mid-job (SIGKILL: no goodbye) and starting it again: the job resumes where it
// stopped and ends with every item applied exactly once. Needs a database that outlives the process: MySQL.
const mysql = onMysql();
if (!mysql) console.log("bulk-jobs-restart: skipped on the embedded database (each process's database dies with it)");
const maybe = mysql ? it : it.skip;

let stack: ProcessStack | undefined;
beforeAll(async () => {
  // A short claim: the restarted runner takes the killed one's job up 3 s after its last renewal, not 15.
  if (mysql) stack = await startProcessStack({ env: { BULK_JOB_LEASE_MS: "3000" } });
}, PROCESS_STACK_HOOK_MS);
afterAll(() => stack?.stop());

async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Waits until `read` reaches `target`, however long that takes while it keeps growing: on a loaded machine the
 * relay works through every event before this test's (the first test's hundreds included) at its own pace. Fails
 * when it stops growing for `stallMs`.
 */
async function waitForGrowth(what: string, read: () => Promise<number>, target: number, stallMs: number) {
  let [last, grewAt] = [-1, Date.now()];
  for (;;) {
    const value = await read();
    if (value >= target) return;
    if (value > last) [last, grewAt] = [value, Date.now()];
    if (Date.now() - grewAt > stallMs) throw new Error(`${what}: stuck at ${value} of ${target} for ${stallMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** How many of these customers identity holds an administrator grant on (applied from connections' events). */
async function grantsOn(customerIds: string[]): Promise<number> {
  const db = await createConnection(process.env.DATABASE_URL!);
  try {
    const [rows] = await db.query(
      `SELECT COUNT(*) AS n FROM \`${databaseName("identity")}\`.administrator_grant WHERE organization_id IN (?)`,
      [customerIds],
    );
    return Number((rows as { n: number }[])[0].n);
  } finally {
    await db.end();
  }
}

maybe(
  "a job killed mid-way finishes after a restart with no item applied twice",
  async () => {
    const seed = new Seed(stack!);
    const partner = await seed.partner();
    const { customers } = customersToAdd(200);
    const { startBulkJob } = await seed.client.ok(partner.admin, StartBulkJobDocument, {
      input: { kind: "ADD_CUSTOMERS", idempotencyKey: `restart-${partner.id}`, addCustomers: customers },
    });
    const progress = () =>
      seed.client.ok(partner.admin, BulkJobDocument, { id: startBulkJob.id, first: 1 }).then((r) => r.bulkJob);
    const before = await waitFor("20 items done", progress, (job) => job.succeeded + job.failed >= 20, 60_000);
    stack!.subgraphs.connections.signal("SIGKILL");
    await stack!.subgraphs.connections.waitForExit(5_000);
    await stack!.restart("connections");

    const after = await waitFor("the job completed", progress, (job) => job.status === "COMPLETED", 120_000);
    expect(before.status).toBe("RUNNING");
    expect(before.succeeded + before.failed).toBeLessThan(200);
    expect(after).toMatchObject({ total: 200, succeeded: 190, failed: 10 });

    const items = [];
    for (const after of [
      null,
      (await seed.client.ok(partner.admin, BulkJobDocument, { id: startBulkJob.id })).bulkJob.items.pageInfo.endCursor,
    ]) {
      const { bulkJob } = await seed.client.ok(partner.admin, BulkJobDocument, { id: startBulkJob.id, after });
      items.push(...bulkJob.items.edges.map((edge) => edge.node));
    }
    expect(items).toHaveLength(200);
    expect(new Set(items.filter((i) => i.resultId).map((i) => i.resultId)).size).toBe(190);
    // Exactly one connection per succeeded item: none applied twice, none lost.
    const { customerDashboard } = await seed.client.ok(partner.admin, `{ customerDashboard(first: 1) { totalCount } }`);
    expect(customerDashboard.totalCount).toBe(190);
  },
  240_000,
);

maybe(
  "an ADD_SERVICE job killed mid-way finishes after a restart with exactly one trial per customer",
  async () => {
    const seed = new Seed(stack!);
    const partner = await seed.partner();
    // Customers the partner added in bulk: identity gives its person an accepted administrator grant on each.
    const { customers } = customersToAdd(100);
    const { startBulkJob: added } = await seed.client.ok(partner.admin, StartBulkJobDocument, {
      input: { kind: "ADD_CUSTOMERS", idempotencyKey: `add-${partner.id}`, addCustomers: customers },
    });
    const job = (id: string) => () =>
      seed.client.ok(partner.admin, BulkJobDocument, { id, first: 1 }).then((r) => r.bulkJob);
    await waitFor("customers added", job(added.id), (j) => j.status === "COMPLETED", 120_000);
    const { customerDashboard } = await seed.client.ok(
      partner.admin,
      `{ customerDashboard(first: 100) { edges { node { customer { id } } } } }`,
    );
    const ids: string[] = customerDashboard.edges.map((e: any) => e.node.customer.id);
    expect(ids).toHaveLength(95);
    // Every grant is in place before the job starts (acting as the customer needs one), and the partner's person
    // acts as each customer through the gateway.
    const waited = Date.now();
    await waitForGrowth("grants on the added customers", () => grantsOn(ids), ids.length, 30_000);
    if (process.env.SHOW_TIMES) console.log(`every grant in place ${Date.now() - waited} ms after the job completed`);
    for (const id of ids) {
      const acting = await seed.client.send({ ...partner.admin, organizationId: id }, `{ me { email } }`);
      expect(acting.errors).toBeUndefined();
    }

    const { startBulkJob } = await seed.client.ok(partner.admin, StartBulkJobDocument, {
      input: {
        kind: "ADD_SERVICE",
        idempotencyKey: `svc-${partner.id}`,
        addService: { serviceCode: "SDWAN", customerIds: ids },
      },
    });
    const before = await waitFor("10 items done", job(startBulkJob.id), (j) => j.succeeded + j.failed >= 10, 60_000);
    stack!.subgraphs.connections.signal("SIGKILL");
    await stack!.subgraphs.connections.waitForExit(5_000);
    await stack!.restart("connections");
    const after = await waitFor("the job completed", job(startBulkJob.id), (j) => j.status === "COMPLETED", 120_000);
    expect(before.succeeded + before.failed).toBeLessThan(95);
    // The first item as well: when items fail, the failure says why.
    expect(after).toMatchObject({
      total: 95,
      succeeded: 95,
      failed: 0,
      items: { edges: [{ node: { status: "SUCCEEDED", error: null } }] },
    });
    // Exactly one trial per customer, the one its item names: none added twice, none lost.
    const { bulkJob } = await seed.client.ok(partner.admin, BulkJobDocument, { id: startBulkJob.id, first: 100 });
    const resultIds = bulkJob.items.edges.map((e) => e.node.resultId);
    expect(new Set(resultIds).size).toBe(95);
    for (const [index, id] of ids.entries()) {
      const { organization } = await seed.client.ok(
        partner.admin,
        `query($id: ID!) { organization(id: $id) { trials { id } } }`,
        { id },
      );
      expect(organization.trials.map((t: any) => t.id)).toEqual([resultIds[index]]);
    }
  },
  300_000,
);
