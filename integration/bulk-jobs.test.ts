import { bulkRunnerOf } from "@partnergraph/connections";
import { AddServiceDocument, BulkJobDocument, BulkJobQuery, StartBulkJobDocument } from "@partnergraph/operations";
import type { Stack } from "@partnergraph/scripts";
import { randomBytes } from "node:crypto";
import { Client, customersToAdd, Org, Seed, useStack } from "./testkit";

// Bulk jobs through the gateway: stored, run in the background item by item, each item under the single
// operation's rules; per-item results; the same idempotency key gives the same job; jobs are their organization's.

let stack: Stack;
let seed: Seed;
let client: Client;
useStack((started) => ({ stack, seed, client } = started));

const key = () => `key-${randomBytes(6).toString("hex")}`;
const runJobs = () => bulkRunnerOf(stack.subgraphs.connections.dataSource)!.drain();

/** Every item of a job, page by page. */
async function allItems(org: Org, id: string) {
  const items = [];
  let after: string | null = null;
  do {
    const { bulkJob }: BulkJobQuery = await client.ok(org.admin, BulkJobDocument, { id, first: 100, after });
    items.push(...bulkJob.items.edges.map((edge) => edge.node));
    after = bulkJob.items.pageInfo.hasNextPage ? bulkJob.items.pageInfo.endCursor : null;
  } while (after);
  return items;
}

it("adds 200 customers with 10 bad ones: 190 succeed, 10 fail naming the field; the same key is the same job", async () => {
  const partner = await seed.partner();
  const { customers, bad } = customersToAdd();
  const input = { kind: "ADD_CUSTOMERS" as const, idempotencyKey: key(), addCustomers: customers };
  const { startBulkJob } = await client.ok(partner.admin, StartBulkJobDocument, { input });
  expect(startBulkJob).toMatchObject({ kind: "ADD_CUSTOMERS", total: 200 });
  expect((await client.ok(partner.admin, StartBulkJobDocument, { input })).startBulkJob.id).toBe(startBulkJob.id);

  await runJobs();
  const { bulkJob } = await client.ok(partner.admin, BulkJobDocument, { id: startBulkJob.id, first: 1 });
  expect(bulkJob).toMatchObject({ status: "COMPLETED", total: 200, succeeded: 190, failed: 10 });
  expect(bulkJob.finishedAt).not.toBeNull();

  const items = await allItems(partner, startBulkJob.id);
  expect(items.map((item) => item.index)).toEqual([...Array(200).keys()]);
  const failed = items.filter((item) => item.status === "FAILED");
  expect(Object.fromEntries(failed.map((item) => [item.index, [item.error!.code, item.error!.field]]))).toEqual(
    Object.fromEntries(Object.entries(bad).map(([index, [field]]) => [index, ["BAD_USER_INPUT", field]])),
  );
  const succeeded = items.filter((item) => item.status === "SUCCEEDED");
  expect(new Set(succeeded.map((item) => item.resultId)).size).toBe(190);
  expect(succeeded.every((item) => item.error === null)).toBe(true);

  // The same key again, even after it ran: the same job, nothing added twice.
  expect((await client.ok(partner.admin, StartBulkJobDocument, { input })).startBulkJob.id).toBe(startBulkJob.id);
  await runJobs();
  const { customerDashboard } = await client.ok(partner.admin, `{ customerDashboard(first: 1) { totalCount } }`);
  expect(customerDashboard.totalCount).toBe(190);
});

it("runs each item under the single operation's rules, and another organization's job is NOT_FOUND", async () => {
  const notPartner = await seed.organization();
  const { startBulkJob } = await client.ok(notPartner.admin, StartBulkJobDocument, {
    input: { kind: "ADD_CUSTOMERS", idempotencyKey: key(), addCustomers: customersToAdd(2).customers },
  });
  await runJobs();
  const items = await allItems(notPartner, startBulkJob.id);
  expect(items.map((item) => [item.status, item.error?.code])).toEqual([
    ["FAILED", "FORBIDDEN"],
    ["FAILED", "FORBIDDEN"],
  ]);

  const stranger = await seed.partner();
  expect((await client.error(stranger.admin, BulkJobDocument, { id: startBulkJob.id })).code).toBe("NOT_FOUND");
});

it("ends many connections; one that is not the caller's fails NOT_FOUND, one already ended CONFLICT", async () => {
  const partner = await seed.partner();
  const [a, b] = [await seed.customer(), await seed.customer()];
  const ids = [await seed.connect(partner, a), await seed.connect(partner, b)];
  const other = await seed.connectedPair();
  const foreign = (await client.ok(other.partner.admin, `{ customerDashboard(first: 1) { edges { node { id } } } }`))
    .customerDashboard.edges[0].node.id;
  const { startBulkJob } = await client.ok(partner.admin, StartBulkJobDocument, {
    input: { kind: "TERMINATE_CONNECTIONS", idempotencyKey: key(), connectionIds: [...ids, foreign, ids[0]] },
  });
  await runJobs();
  const items = await allItems(partner, startBulkJob.id);
  expect(items.map((item) => [item.status, item.resultId, item.error?.code ?? null])).toEqual([
    ["SUCCEEDED", ids[0], null],
    ["SUCCEEDED", ids[1], null],
    ["FAILED", null, "NOT_FOUND"],
    ["FAILED", null, "CONFLICT"],
  ]);
  const { customerDashboard } = await client.ok(partner.admin, `{ customerDashboard(first: 1) { totalCount } }`);
  expect(customerDashboard.totalCount).toBe(0);
});

it("refuses a job of the wrong shape, naming the field, and stores nothing", async () => {
  const partner = await seed.partner();
  const cases: [Record<string, unknown>, string][] = [
    [{ kind: "ADD_CUSTOMERS", idempotencyKey: key(), addCustomers: [] }, "addCustomers"],
    [{ kind: "ADD_CUSTOMERS", idempotencyKey: key(), connectionIds: ["CON-1"] }, "connectionIds"],
    [{ kind: "TERMINATE_CONNECTIONS", idempotencyKey: key() }, "connectionIds"],
    [{ kind: "TERMINATE_CONNECTIONS", idempotencyKey: " ", connectionIds: ["CON-1"] }, "idempotencyKey"],
    [{ kind: "ADD_SERVICE", idempotencyKey: key() }, "addService"],
    [
      { kind: "ADD_SERVICE", idempotencyKey: key(), addService: { serviceCode: "SDWAN", customerIds: [] } },
      "addService.customerIds",
    ],
    [
      {
        kind: "ADD_SERVICE",
        idempotencyKey: key(),
        addService: { serviceCode: "SDWAN", customerIds: ["ORG-X"], trial: false },
      },
      "addService.trial",
    ],
    [
      {
        kind: "TERMINATE_CONNECTIONS",
        idempotencyKey: key(),
        connectionIds: ["CON-1"],
        addService: { serviceCode: "SDWAN", customerIds: [] },
      },
      "addService",
    ],
    [
      {
        kind: "TERMINATE_CONNECTIONS",
        idempotencyKey: key(),
        connectionIds: Array.from({ length: 1001 }, (_, i) => `C${i}`),
      },
      "connectionIds",
    ],
  ];
  for (const [input, field] of cases) {
    const { code, field: named } = await client.error(partner.admin, StartBulkJobDocument, { input: input as any });
    expect({ field, code, named }).toEqual({ field, code: "BAD_USER_INPUT", named: field });
  }
  const [{ count }] = await stack.subgraphs.connections.dataSource.query(
    `SELECT COUNT(*) AS count FROM bulk_job WHERE organization_id = ?`,
    [partner.id],
  );
  expect(Number(count)).toBe(0);
});

it("adds a service to many customers as addService would: a trial each where allowed, the error and field where not; a resumed item makes no second trial", async () => {
  const partner = await seed.partner();
  const [first, second, notAdministered, alreadyTrying] = [
    await seed.customer(),
    await seed.customer(),
    await seed.customer(),
    await seed.customer(),
  ];
  for (const customer of [first, second, alreadyTrying]) await seed.administrator(customer, partner.admin);
  await client.ok(partner.admin, AddServiceDocument, { customerId: alreadyTrying.id, serviceCode: "SDWAN" });
  const customerIds = [first.id, second.id, notAdministered.id, "not-an-orgid", alreadyTrying.id];
  const { startBulkJob } = await client.ok(partner.admin, StartBulkJobDocument, {
    input: { kind: "ADD_SERVICE", idempotencyKey: key(), addService: { serviceCode: "SDWAN", customerIds } },
  });
  expect(startBulkJob).toMatchObject({ kind: "ADD_SERVICE", total: 5 });
  await runJobs();
  const items = await allItems(partner, startBulkJob.id);
  expect(items.map((item) => [item.status, item.error?.code ?? null, item.error?.field ?? null])).toEqual([
    ["SUCCEEDED", null, null],
    ["SUCCEEDED", null, null],
    ["FAILED", "FORBIDDEN", null],
    ["FAILED", "BAD_USER_INPUT", "customerId"],
    ["FAILED", "CONFLICT", null],
  ]);
  const trials = async (customer: Org) =>
    (
      await client.ok(customer.admin, `query($id: ID!) { organization(id: $id) { trials { id status } } }`, {
        id: customer.id,
      })
    ).organization.trials;
  expect(await trials(first)).toEqual([{ id: items[0].resultId, status: "ACTIVE" }]);
  expect(await trials(second)).toEqual([{ id: items[1].resultId, status: "ACTIVE" }]);

  // As if the process had died after entitlements added the first trial and before the item was recorded: the
  // resumed item asks again with its key and gets the same trial.
  const connections = stack.subgraphs.connections.dataSource;
  await connections.query(
    `UPDATE bulk_job_item SET status = 'PENDING', result_id = NULL, finished_at = NULL WHERE job_id = ? AND item_index = 0`,
    [startBulkJob.id],
  );
  await connections.query(`UPDATE bulk_job SET status = 'RUNNING', succeeded = succeeded - 1 WHERE id = ?`, [
    startBulkJob.id,
  ]);
  await runJobs();
  const { bulkJob } = await client.ok(partner.admin, BulkJobDocument, { id: startBulkJob.id, first: 1 });
  expect(bulkJob).toMatchObject({ status: "COMPLETED", succeeded: 2, failed: 3 });
  expect(bulkJob.items.edges[0].node.resultId).toBe(items[0].resultId);
  expect(await trials(first)).toEqual([{ id: items[0].resultId, status: "ACTIVE" }]);
});
