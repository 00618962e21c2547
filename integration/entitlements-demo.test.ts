import { devToken, Stack } from "@partnergraph/scripts";
import { Client, DEMO, startStack } from "./testkit";

/** The demo as `npm start` seeds it: Adatum's trials in every state, entitlements, orders over many quarters. */
let stack: Stack;
let client: Client;
beforeAll(async () => {
  stack = await startStack({ seedDemo: true });
  client = new Client(stack);
});
afterAll(() => stack?.stop());

const { organizations: org, users } = DEMO;
const ADATUM = `query($id: ID!) {
  organization(id: $id) {
    trials { status service { code } }
    entitlements { licenseCount status service { code } }
    services { source service { code } }
    orders(first: 100) { totalCount edges { node { placedAt total reseller { id name } } } }
  }
}`;

it("shows Adatum's trials in every state, its entitlements, and orders resold by Northwind", async () => {
  const carol = { token: await devToken(users.carol.email) };
  const { organization } = await client.ok(carol, ADATUM, { id: org.adatum });
  expect(organization.trials).toEqual([
    { status: "PENDING", service: { code: "ANALYTICS" } },
    { status: "ACTIVE", service: { code: "SDWAN" } },
    { status: "EXPIRED", service: { code: "SPA" } },
    { status: "DECLINED", service: { code: "CONTENT" } },
  ]);
  // VAD: 200 lapsed 13 months ago; renewed 200 after the lapse (afresh), then +50 and +25 today.
  expect(organization.entitlements).toEqual([
    { licenseCount: 600, status: "ACTIVE", service: { code: "ENDPOINT" } },
    { licenseCount: 40, status: "ACTIVE", service: { code: "SPA" } },
    { licenseCount: 275, status: "ACTIVE", service: { code: "VAD" } },
    { licenseCount: 100, status: "EXPIRED", service: { code: "WORKSPACE" } },
  ]);
  expect(organization.services.map((s: any) => `${s.service.code}:${s.source}`)).toEqual([
    "ENDPOINT:ENTITLEMENT",
    "SDWAN:TRIAL",
    "SPA:ENTITLEMENT",
    "VAD:ENTITLEMENT",
  ]);
  expect(organization.orders.totalCount).toBe(7);
  const resold = organization.orders.edges.filter((e: any) => e.node.reseller?.id === org.northwind);
  expect(resold).toHaveLength(6);
  expect(resold[0].node.reseller.name).toBe("Northwind Partners");
  // The newest order is placed when the demo is seeded: within the last day, not "today" (a run can cross midnight).
  const newestAgeMs = Date.now() - new Date(organization.orders.edges[0].node.placedAt).getTime();
  expect(newestAgeMs).toBeGreaterThanOrEqual(-60_000);
  expect(newestAgeMs).toBeLessThan(24 * 3600_000);
});

it("books Litware's orders in each of the last nine quarters, through Northwind and Contoso", async () => {
  const ops = { token: await devToken(users.ops.email) };
  const { organization } = await client.ok(
    ops,
    `query($id: ID!) { organization(id: $id) { orders(first: 100) { edges { node { placedAt reseller { id } } } } } }`,
    { id: org.litware },
  );
  const quarterOf = (iso: string) => {
    const d = new Date(iso);
    return d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3);
  };
  const now = quarterOf(new Date().toISOString());
  const quarters = organization.orders.edges.map((e: any) => now - quarterOf(e.node.placedAt));
  expect(quarters).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  expect(organization.orders.edges.map((e: any) => e.node.reseller.id)).toEqual(
    [0, 1, 2, 3, 4, 5, 6, 7, 8].map((q) => (q % 2 ? org.contoso : org.northwind)),
  );
});
