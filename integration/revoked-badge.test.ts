import { AUDIT_ACTIONS } from "@partnergraph/contracts";
import * as ops from "@partnergraph/operations";
import type { Stack } from "@partnergraph/scripts";
import { AuditTrail, Client, revealed, Seed, useStack } from "./testkit";

let stack: Stack;
let seed: Seed;
let client: Client;
useStack((started) => ({ stack, seed, client } = started));

/** Every area of a customer's data, asked by id as a partner's detail page does. */
const CUSTOMER_DATA = `query($id: ID!) { organization(id: $id) {
  id name trials { id } entitlements { id } orders(first: 5) { totalCount } tickets(first: 5) { totalCount }
  notifications(first: 5) { totalCount } contacts { role }
} }`;

// Issue 13: a partner whose badge is revoked loses the customer dashboard and every customer's data on its very next
// request, while the connections remain for when the badge returns.
it("a revoked badge hides every customer from the very next request; the connections wait for the badge's return", async () => {
  const partner = await seed.partner();
  const customers = [await seed.customer(), await seed.customer()];
  for (const customer of customers) {
    await seed.connect(partner, customer);
    await client.ok(customer.admin, ops.RequestTrialDocument, { serviceCode: "SDWAN" });
  }
  for (const subgraph of Object.values(stack.subgraphs)) await subgraph.relay?.drain();
  const dashboard = async () => (await client.ok(partner.admin, ops.ConsentOverviewDocument, {})).customerDashboard;
  expect((await dashboard()).edges).toHaveLength(2);
  for (const customer of customers)
    expect((await client.ok(partner.admin, CUSTOMER_DATA, { id: customer.id })).organization.trials).toHaveLength(1);

  const vendor = await seed.vendorAdmin();
  const { organization } = await client.ok(vendor, `query($id: ID!) { organization(id: $id) { memberships { id } } }`, {
    id: partner.id,
  });
  await client.ok(vendor, `mutation($id: ID!) { revokeProgramMembership(id: $id) { id } }`, {
    id: organization.memberships[0].id,
  });

  // The very next request: no dashboard, and nothing of any customer, asked by id.
  const refused = await client.error(partner.admin, ops.ConsentOverviewDocument, {});
  expect(refused.code).toBe("FORBIDDEN");
  for (const customer of customers) {
    const response = await client.send(partner.admin, CUSTOMER_DATA, { id: customer.id });
    expect(revealed(response.data?.organization)).toEqual({});
    expect(response.errors?.length).toBeGreaterThan(0);
  }
  // The connections stand: each customer still lists the partner as ACTIVE.
  for (const customer of customers) {
    const { myPartners } = await client.ok(customer.admin, `{ myPartners { id status } }`);
    expect(myPartners).toEqual([expect.objectContaining({ status: "ACTIVE" })]);
  }

  // The badge returns: the same connections, the same data, at once.
  await client.ok(
    vendor,
    `mutation($input: GrantProgramMembershipInput!) { grantProgramMembership(input: $input) { id } }`,
    { input: { organizationId: partner.id, program: "SOLUTION_ADVISOR", tier: "GOLD" } },
  );
  expect((await dashboard()).edges.map((e) => e.node.customer?.id).sort()).toEqual(customers.map((c) => c.id).sort());
  for (const customer of customers)
    expect((await client.ok(partner.admin, CUSTOMER_DATA, { id: customer.id })).organization.trials).toHaveLength(1);
});

it("a partner whose badge was revoked ends a connection: its own audit entry names the customer by id, not by name", async () => {
  const partner = await seed.partner();
  const customer = await seed.customer();
  const connectionId = await seed.connect(partner, customer);
  const vendor = await seed.vendorAdmin();
  const { organization } = await client.ok(vendor, `query($id: ID!) { organization(id: $id) { memberships { id } } }`, {
    id: partner.id,
  });
  await client.ok(vendor, `mutation($id: ID!) { revokeProgramMembership(id: $id) { id } }`, {
    id: organization.memberships[0].id,
  });
  expect((await client.error(partner.admin, `query($id: ID!) { organization(id: $id) { name } }`, customer)).code).toBe(
    "FORBIDDEN",
  );
  await client.ok(partner.admin, ops.TerminateConnectionDocument, { id: connectionId });
  const trail = new AuditTrail(stack, client);
  await trail.drain();
  const [ended] = await trail.entries(partner.admin, { actions: [AUDIT_ACTIONS.terminateConnection] });
  expect(ended.summary).toBe(`Ended connection ${connectionId} with customer ${customer.id}`);
  expect(JSON.stringify(await trail.entries(partner.admin))).not.toContain(customer.name);
});
