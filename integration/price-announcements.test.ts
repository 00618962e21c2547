import * as ops from "@partnergraph/operations";
import type { Stack } from "@partnergraph/scripts";
import { Actor, Client, Org, Seed, sqlNow, statementsPerSubgraph, useStack } from "./testkit";

// Price announcements are listable: the vendor sees every one, an organization those of the services it holds, and
// a partner also those its connected customers hold where they share their entitlements.

let stack: Stack;
let seed: Seed;
let client: Client;
useStack((started) => ({ stack, seed, client } = started));

const DAY = 86_400_000;
const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`;
const future = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const entitlements = () => stack.subgraphs.entitlements.dataSource;

async function hold(customer: Org, serviceCode: string): Promise<void> {
  await client.ok(await seed.vendorAdmin(), PLACE, {
    input: {
      customerId: customer.id,
      currency: "USD",
      lines: [{ serviceCode, quantity: 2, termMonths: 12, unitPrice: "4" }],
    },
  });
}

async function holderOf(serviceCode: string): Promise<Org> {
  const customer = await seed.customer();
  await hold(customer, serviceCode);
  return customer;
}

async function announce(serviceCode: string, summary = `New price ${Math.random().toString(36).slice(2, 8)}`) {
  const { announcePriceChange } = await client.ok(await seed.vendorAdmin(), ops.AnnouncePriceChangeDocument, {
    input: { serviceCode, effectiveOn: future(40), summary },
  });
  return announcePriceChange;
}

type Listed = { id: string; concerns: { id: string; name: string }[] };
/** Every announcement the actor sees, following the cursors `first` at a time, and the totals each page told. */
async function everyPage(actor: Actor, first = 100): Promise<{ nodes: Listed[]; totals: number[] }> {
  const nodes: Listed[] = [];
  const totals: number[] = [];
  let after: string | null | undefined = null;
  do {
    const { priceChanges }: { priceChanges: any } = await client.ok(actor, ops.MyPriceChangesDocument, {
      first,
      after,
    });
    nodes.push(...priceChanges.edges.map((e: { node: Listed }) => e.node));
    totals.push(priceChanges.totalCount);
    after = priceChanges.pageInfo.hasNextPage ? priceChanges.pageInfo.endCursor : null;
  } while (after);
  return { nodes, totals };
}
const seen = async (actor: Actor) => new Map((await everyPage(actor)).nodes.map((n) => [n.id, n]));

describe("priceChanges", () => {
  it("shows each organization the announcements of what it holds, a partner also its customers', the vendor all", async () => {
    const { partner, customer } = await seed.connectedPair();
    await hold(customer, "ENDPOINT");
    const holdsBoth = await holderOf("ENDPOINT");
    await hold(holdsBoth, "SDWAN");
    const lapsed = await holderOf("SDWAN");
    await entitlements().query(`UPDATE entitlement SET expires_at = ? WHERE organization_id = ?`, [
      sqlNow(new Date(Date.now() - DAY)),
      lapsed.id,
    ]);
    const stranger = await seed.partner();
    const nobody = await seed.customer();

    const endpoint = await announce("ENDPOINT");
    const sdwan = await announce("SDWAN");

    // The vendor: every one, with who announced it and how many holders were told then.
    const vendor = await seed.vendorAdmin();
    const { priceChanges } = await client.ok(vendor, ops.VendorPriceChangesDocument, { first: 100 });
    const byId = new Map(priceChanges.edges.map(({ node }) => [node.id, node]));
    const [holdersOfEndpoint] = await entitlements().query(
      `SELECT COUNT(DISTINCT organization_id) AS n FROM entitlement WHERE service_code = 'ENDPOINT' AND expires_at > ?`,
      [sqlNow()],
    );
    expect(byId.get(endpoint.id)).toMatchObject({
      summary: endpoint.summary,
      holdersTold: Number(holdersOfEndpoint.n),
      announcedBy: { id: await seed.userIdOf(vendor) },
      service: { code: "ENDPOINT", name: "Endpoint Management" },
    });
    expect(byId.has(sdwan.id)).toBe(true);
    expect(priceChanges.totalCount).toBe(
      Number((await entitlements().query(`SELECT COUNT(*) AS n FROM price_change`))[0].n),
    );

    // A holder: what it holds, concerning itself; the partner: its customer's, concerning that customer.
    const names = async (org: Org) =>
      [...(await seen(org.admin)).entries()].filter(([id]) => [endpoint.id, sdwan.id].includes(id));
    expect((await names(customer)).map(([id, n]) => [id, n.concerns.map((c) => c.id)])).toEqual([
      [endpoint.id, [customer.id]],
    ]);
    expect((await names(holdsBoth)).map(([id]) => id)).toEqual([sdwan.id, endpoint.id]);
    expect((await names(partner)).map(([id, n]) => [id, n.concerns.map((c) => c.id)])).toEqual([
      [endpoint.id, [customer.id]],
    ]);
    const concerned = (await seen(partner.admin)).get(endpoint.id)!.concerns;
    expect(concerned[0].name).toEqual(expect.any(String));
    // An expired entitlement, another partner, an organization holding nothing: none of these.
    for (const other of [lapsed, stranger, nobody]) expect(await names(other)).toEqual([]);
    // A stranger's page tells no total of anyone else's.
    expect((await everyPage(nobody.admin)).totals).toEqual([0]);
  });

  it("follows the customer's consent: a partner sees its customer's only while entitlements are shared", async () => {
    const partner = await seed.partner();
    const customer = await holderOf("VAD");
    const connectionId = await seed.connect(partner, customer);
    const announced = await announce("VAD");
    expect((await seen(partner.admin)).has(announced.id)).toBe(true);

    await client.ok(customer.admin, ops.SetPartnerConsentDocument, {
      connectionId,
      input: { areas: ["ORDERS", "TICKETS"], until: null },
    });
    expect((await seen(partner.admin)).has(announced.id)).toBe(false);
    // The customer still sees its own.
    expect((await seen(customer.admin)).has(announced.id)).toBe(true);
  });

  it("shows a partner's person acting as a customer (administrator grant) that customer's, not the partner's", async () => {
    const partner = await seed.partner();
    await hold(partner, "SDWAN");
    const customer = await holderOf("VAD");
    await seed.administrator(customer, partner.admin);
    const [vad, sdwan] = [await announce("VAD"), await announce("SDWAN")];
    const asCustomer = await seen({ ...partner.admin, organizationId: customer.id });
    expect(asCustomer.get(vad.id)?.concerns.map((c) => c.id)).toEqual([customer.id]);
    expect(asCustomer.has(sdwan.id)).toBe(false);
    // As itself, not connected to the customer: only its own.
    const asItself = await seen(partner.admin);
    expect([asItself.has(vad.id), asItself.has(sdwan.id)]).toEqual([false, true]);
  });

  it("keeps who announced and how many were told the vendor's; asks a caller to sign in", async () => {
    const holder = await holderOf("SPA");
    await announce("SPA");
    const failure = await client.error(holder.admin, ops.VendorPriceChangesDocument, { first: 5 });
    expect(failure.code).toBe("FORBIDDEN");
    const nodes = failure.response.data?.priceChanges.edges.map((e) => e.node) ?? [];
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes)
      expect({ told: node.holdersTold, by: node.announcedBy }).toEqual({ told: null, by: null });
    expect((await client.error({}, ops.MyPriceChangesDocument, { first: 5 })).code).toBe("UNAUTHENTICATED");
  });

  it("pages newest first by cursor, every announcement once, the same total on every page", async () => {
    const holder = await holderOf("ANALYTICS");
    const mine = [await announce("ANALYTICS"), await announce("ANALYTICS"), await announce("ANALYTICS")];
    const whole = await everyPage(holder.admin);
    const paged = await everyPage(holder.admin, 2);
    expect(paged.nodes.map((n) => n.id)).toEqual(whole.nodes.map((n) => n.id));
    expect(new Set(paged.totals)).toEqual(new Set([whole.nodes.length]));
    const ids = whole.nodes.map((n) => n.id);
    expect(ids.filter((id) => mine.some((m) => m.id === id))).toEqual(mine.map((m) => m.id).reverse());
    expect((await client.error(holder.admin, ops.MyPriceChangesDocument, { first: 2, after: "nope" })).field).toBe(
      "after",
    );
  });

  it("runs as many statements for a page of 1 as for a page of 8", async () => {
    const { partner, customer } = await seed.connectedPair();
    await hold(customer, "WORKSPACE");
    await hold(customer, "CONTENT");
    await hold(partner, "WORKSPACE");
    for (let i = 0; i < 5; i++) await announce(i % 2 ? "WORKSPACE" : "CONTENT");
    const vendor = await seed.vendorAdmin();
    /** The fewest statements per subgraph of two runs of a page of `first`. */
    const measure = async (page: (first: number) => Promise<unknown>, first: number) => {
      const once = () => statementsPerSubgraph(stack, () => page(first));
      const [a, b] = [await once(), await once()];
      const fewest = (name: "entitlements" | "identity" | "connections") => Math.min(a[name], b[name]);
      return { entitlements: fewest("entitlements"), identity: fewest("identity"), connections: fewest("connections") };
    };
    const vendorPage = (first: number) => client.ok(vendor, ops.VendorPriceChangesDocument, { first });
    const partnerPage = (first: number) => client.ok(partner.admin, ops.MyPriceChangesDocument, { first });
    // The vendor: the page and its total, the page's services; identity: who announced them.
    const vendorOne = await measure(vendorPage, 1);
    expect(await measure(vendorPage, 8)).toEqual(vendorOne);
    expect(vendorOne).toEqual({ entitlements: 3, identity: 1, connections: 0 });
    // The partner: entitlements reads the page, its total, the services and whom each concerns, having asked
    // connections for its connected customers; identity names those concerned, asking connections whether it may.
    const partnerOne = await measure(partnerPage, 1);
    expect(await measure(partnerPage, 8)).toEqual(partnerOne);
    expect(partnerOne).toEqual({ entitlements: 4, identity: 1, connections: 2 });
  });
});
