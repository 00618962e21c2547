import { AUDIT_ACTIONS } from "@partnergraph/contracts";
import { OutboxEvent } from "@partnergraph/kit";
import type { Stack } from "@partnergraph/scripts";
import { Actor, AuditTrail, Client, Org, Seed, sqlNow, useStack } from "./testkit";

// Issue 13's gap: the renewal contact is a person who receives price notices, not only the organization.

let stack: Stack;
let seed: Seed;
let client: Client;
useStack((started) => ({ stack, seed, client } = started));

const DAY = 86_400_000;
const ANNOUNCE = `mutation($input: AnnouncePriceChangeInput!) {
  announcePriceChange(input: $input) { id effectiveOn summary announcedAt service { code } }
}`;
const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`;
const NAME_CONTACT = `mutation($input: NameContactInput!) { nameContact(input: $input) { id } }`;
const NOTICES = `query { myNotifications(first: 50) { edges { node { category personal body } } } }`;

type Notice = { category: string; personal: boolean; body: string };
const entitlements = () => stack.subgraphs.entitlements.dataSource;
const trail = () => new AuditTrail(stack, client);
const future = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const priceNotices = async (who: Actor): Promise<Notice[]> =>
  (await client.ok(who, NOTICES)).myNotifications.edges
    .map((e: { node: Notice }) => e.node)
    .filter((n: Notice) => n.category === "PRICE_CHANGE");
/** What an announcement writes: its row, its event, its audit entry. */
const written = async () => ({
  priceChanges: (await entitlements().query(`SELECT id FROM price_change`)).length,
  events: await entitlements()
    .getRepository(OutboxEvent)
    .count({ where: [{ type: "PriceChangeAnnounced" }, { type: "AuditRecorded" }] }),
});

async function holderOf(serviceCode: string): Promise<Org> {
  const customer = await seed.customer();
  await client.ok(await seed.vendorAdmin(), PLACE, {
    input: {
      customerId: customer.id,
      currency: "USD",
      lines: [{ serviceCode, quantity: 3, termMonths: 12, unitPrice: "4" }],
    },
  });
  return customer;
}

describe("announcePriceChange", () => {
  it("tells every holder of the service, and its renewal contact personally; a non-holder nothing", async () => {
    const holder = await holderOf("ENDPOINT");
    const renewer = await seed.member(holder, "MEMBER");
    const colleague = await seed.member(holder, "MEMBER");
    const renewerId = (await client.ok(renewer, `query { me { id } }`)).me.id;
    await client.ok(holder.admin, NAME_CONTACT, { input: { userId: renewerId, role: "RENEWAL" } });
    const otherService = await holderOf("SDWAN");
    const nobody = await seed.customer();

    const effectiveOn = future(45);
    const { announcePriceChange } = await client.ok(await seed.vendorAdmin(), ANNOUNCE, {
      input: { serviceCode: "endpoint", effectiveOn, summary: "  Per-device price rises to 4.50 USD.  " },
    });
    expect(announcePriceChange).toMatchObject({
      id: expect.any(String),
      effectiveOn,
      summary: "Per-device price rises to 4.50 USD.",
      service: { code: "ENDPOINT" },
    });
    await trail().drain();

    const mine = await priceNotices(renewer);
    expect(mine.map((n) => n.personal).sort()).toEqual([false, true]);
    expect(mine.find((n) => n.personal)?.body).toMatch(/^As renewal contact: .*Endpoint Management.*4\.50 USD/);
    for (const other of [colleague, holder.admin])
      expect(await priceNotices(other)).toEqual([mine.find((n) => !n.personal)]);
    expect(await priceNotices(otherService.admin)).toEqual([]);
    expect(await priceNotices(nobody.admin)).toEqual([]);

    // Delivered once: the event applied again makes no second notice.
    await trail().drain();
    expect(await priceNotices(renewer)).toHaveLength(2);
    // Audited, in the vendor's trail.
    const audited = await trail().entries(await seed.vendorAdmin(), { actions: [AUDIT_ACTIONS.announcePriceChange] });
    expect(audited.map((e) => e.subjectId)).toContain(announcePriceChange.id);
  });

  it("splits a widely held service's holders over events of at most 200, and tells each of them", async () => {
    // 450 holders written straight into entitlements (organizations only entitlements knows of; support needs none).
    const tag = Math.random().toString(36).slice(2, 8).toUpperCase();
    const holderIds = Array.from({ length: 450 }, (_, i) => `ORG-PX${tag}${String(i).padStart(3, "0")}`);
    const [starts, expires] = [sqlNow(), sqlNow(new Date(Date.now() + 3 * 365 * DAY))];
    const rows = holderIds.map(
      (id, i) =>
        `('ENT-PX${tag}${String(i).padStart(3, "0")}', '${id}', 'ENDPOINT', 5, 'DEVICE', '${starts}', '${expires}')`,
    );
    await entitlements().query(
      `INSERT INTO entitlement (id, organization_id, service_code, license_count, unit, starts_at, expires_at) VALUES ${rows.join(", ")}`,
    );

    const { announcePriceChange } = await client.ok(await seed.vendorAdmin(), ANNOUNCE, {
      input: { serviceCode: "ENDPOINT", effectiveOn: future(60), summary: "Volume tiers change." },
    });
    const events = (
      await entitlements()
        .getRepository(OutboxEvent)
        .find({ where: { type: "PriceChangeAnnounced" } })
    ).filter((event) => event.payload.priceChangeId === announcePriceChange.id);
    const shares = events.map((event) => event.payload.holderIds as string[]);
    expect(Math.max(...shares.map((share) => share.length))).toBeLessThanOrEqual(200);
    expect(
      shares
        .flat()
        .filter((id) => id.includes(tag))
        .sort(),
    ).toEqual(holderIds);

    await trail().drain();
    const [{ told }] = await stack.subgraphs.support.dataSource.query(
      `SELECT COUNT(DISTINCT organization_id) AS told FROM notification WHERE category = 'PRICE_CHANGE' AND organization_id LIKE 'ORG-PX${tag}%'`,
    );
    expect(Number(told)).toBe(450);
  });

  it("skips organizations whose entitlement has expired", async () => {
    const lapsed = await holderOf("ENDPOINT");
    await entitlements().query(`UPDATE entitlement SET expires_at = ? WHERE organization_id = ?`, [
      sqlNow(new Date(Date.now() - DAY)),
      lapsed.id,
    ]);
    await client.ok(await seed.vendorAdmin(), ANNOUNCE, {
      input: { serviceCode: "ENDPOINT", effectiveOn: future(30), summary: "New price." },
    });
    await trail().drain();
    expect(await priceNotices(lapsed.admin)).toEqual([]);
  });

  it("is the vendor's alone; bad input names the field and writes nothing", async () => {
    const customer = await holderOf("ENDPOINT");
    const partner = await seed.partner();
    const input = { serviceCode: "ENDPOINT", effectiveOn: future(30), summary: "New price." };
    const before = await written();
    expect((await client.error(customer.admin, ANNOUNCE, { input })).code).toBe("FORBIDDEN");
    expect((await client.error(partner.admin, ANNOUNCE, { input })).code).toBe("FORBIDDEN");
    expect((await client.error({}, ANNOUNCE, { input })).code).toBe("UNAUTHENTICATED");

    const vendor = await seed.vendorAdmin();
    for (const [field, bad] of [
      ["serviceCode", "NO-SUCH-SERVICE"],
      ["effectiveOn", new Date(Date.now() - DAY).toISOString()],
      ["summary", "   "],
      ["summary", "x".repeat(301)],
    ] as const) {
      const failure = await client.error(vendor, ANNOUNCE, { input: { ...input, [field]: bad } });
      expect(failure).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    expect(await written()).toEqual(before);
    await trail().drain();
    expect(await priceNotices(customer.admin)).toEqual([]);
  });
});
