import { announceExpiries } from "@partnergraph/entitlements";
import { OutboxEvent } from "@partnergraph/kit";
import * as ops from "@partnergraph/operations";
import type { Stack } from "@partnergraph/scripts";
import { Client, Org, Seed, sqlNow, useStack } from "./testkit";

let stack: Stack;
let seed: Seed;
let client: Client;
useStack((started) => ({ stack, seed, client } = started));

const DAY = 86_400_000;
const DEFAULTS = { entitlementDays: [30, 7], trialDays: [14, 3], grantDays: [14, 3], consentDays: [7, 1] };
const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`;
const NAME_CONTACT = `mutation($input: NameContactInput!) { nameContact(input: $input) { id role } }`;
const ME = `query { me { id } }`;

const entitlements = () => stack.subgraphs.entitlements.dataSource;
async function drain() {
  for (const subgraph of Object.values(stack.subgraphs)) await subgraph.relay?.drain();
}

describe("ReminderSettings and SetReminderSettings", () => {
  it("answers the defaults until the organization chooses, then its choice, longest first", async () => {
    const customer = await seed.customer();
    expect((await client.ok(customer.admin, ops.ReminderSettingsDocument)).reminderSettings).toEqual(DEFAULTS);
    const input = { entitlementDays: [7, 60, 30], trialDays: [], grantDays: [1], consentDays: [90, 1] };
    const { setReminderSettings } = await client.ok(customer.admin, ops.SetReminderSettingsDocument, { input });
    expect(setReminderSettings).toEqual({
      entitlementDays: [60, 30, 7],
      trialDays: [],
      grantDays: [1],
      consentDays: [90, 1],
    });
    const member = await seed.member(customer, "MEMBER");
    expect((await client.ok(member, ops.ReminderSettingsDocument)).reminderSettings).toEqual(setReminderSettings);
    // Each organization its own: another one still has the defaults.
    const other = await seed.customer();
    expect((await client.ok(other.admin, ops.ReminderSettingsDocument)).reminderSettings).toEqual(DEFAULTS);
  });

  it("is chosen by the account's administrators only; bad input names the field and writes nothing", async () => {
    const customer = await seed.customer();
    const partner = await seed.partner();
    await seed.administrator(customer, partner.admin);
    const member = await seed.member(customer, "MEMBER");
    const input = { ...DEFAULTS, trialDays: [10] };
    expect((await client.error(member, ops.SetReminderSettingsDocument, { input })).code).toBe("FORBIDDEN");
    expect((await client.error({}, ops.SetReminderSettingsDocument, { input })).code).toBe("UNAUTHENTICATED");
    expect((await client.error({}, ops.ReminderSettingsDocument)).code).toBe("UNAUTHENTICATED");
    // The partner's person acting for the customer through a FULL grant administers its account, reminders included.
    const viaGrant = { ...partner.admin, organizationId: customer.id };
    expect(
      (await client.ok(viaGrant, ops.SetReminderSettingsDocument, { input })).setReminderSettings.trialDays,
    ).toEqual([10]);
    // …and sets nothing of the partner's own.
    expect((await client.ok(partner.admin, ops.ReminderSettingsDocument)).reminderSettings).toEqual(DEFAULTS);

    for (const [field, bad] of [
      ["trialDays", [0]],
      ["grantDays", [91]],
      ["consentDays", [3, 3]],
      ["entitlementDays", [1, 2, 3, 4, 5, 6]],
    ] as const) {
      const failure = await client.error(customer.admin, ops.SetReminderSettingsDocument, {
        input: { ...DEFAULTS, [field]: bad },
      });
      expect(failure).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    const wrongType = await client.error(customer.admin, ops.SetReminderSettingsDocument, {
      input: { ...DEFAULTS, trialDays: ["soon" as unknown as number] },
    });
    expect(wrongType).toMatchObject({ code: "BAD_USER_INPUT", field: "trialDays" });
    expect((await client.ok(customer.admin, ops.ReminderSettingsDocument)).reminderSettings).toEqual(input);
  });
});

describe("the reminder scanner", () => {
  async function customerWithEndings(): Promise<{ customer: Org; entitlementId: string; trialId: string; ends: Date }> {
    const customer = await seed.customer();
    const vendor = await seed.vendorAdmin();
    await client.ok(vendor, PLACE, {
      input: {
        customerId: customer.id,
        currency: "USD",
        lines: [{ serviceCode: "ENDPOINT", quantity: 5, termMonths: 12, unitPrice: "2" }],
      },
    });
    const trial = (await client.ok(customer.admin, ops.RequestTrialDocument, { serviceCode: "SDWAN" })).requestTrial;
    await client.ok(vendor, `mutation($id: ID!) { approveTrial(id: $id) { id } }`, { id: trial.id });
    const ends = new Date(Date.now() + 10 * DAY);
    const [entitlement] = await entitlements().query(`SELECT id FROM entitlement WHERE organization_id = ?`, [
      customer.id,
    ]);
    await entitlements().query(`UPDATE entitlement SET expires_at = ? WHERE id = ?`, [sqlNow(ends), entitlement.id]);
    await entitlements().query(`UPDATE trial SET ends_at = ? WHERE id = ?`, [sqlNow(ends), trial.id]);
    return { customer, entitlementId: entitlement.id, trialId: trial.id, ends };
  }

  const remindersOf = async (organizationId: string) =>
    (
      await entitlements()
        .getRepository(OutboxEvent)
        .find({ where: { type: "ExpiryApproaching" } })
    )
      .map((e) => e.payload as { organizationId: string; kind: string; leadDays: number })
      .filter((p) => p.organizationId === organizationId)
      .map((p) => `${p.kind}:${p.leadDays}`)
      .sort();

  it("run twice over the same day sends each reminder once, at the organization's lead times", async () => {
    const { customer } = await customerWithEndings();
    await client.ok(customer.admin, ops.SetReminderSettingsDocument, {
      input: { ...DEFAULTS, entitlementDays: [30, 7], trialDays: [12, 2] },
    });
    const today = new Date();
    await announceExpiries(entitlements(), today);
    await announceExpiries(entitlements(), new Date(today.getTime() + 60_000)); // later the same day
    expect(await remindersOf(customer.id)).toEqual(["ENTITLEMENT:30", "TRIAL:12"]);

    // Four days on, the entitlement (6 days left) reaches its 7-day lead time: one more, once.
    const later = new Date(today.getTime() + 4 * DAY);
    await announceExpiries(entitlements(), later);
    await announceExpiries(entitlements(), later);
    expect(await remindersOf(customer.id)).toEqual(["ENTITLEMENT:30", "ENTITLEMENT:7", "TRIAL:12"]);

    // A scanner that was down for a week (1 day left) sends the nearest lead time only: no burst of stale ones.
    await announceExpiries(entitlements(), new Date(today.getTime() + 9 * DAY));
    expect(await remindersOf(customer.id)).toEqual(["ENTITLEMENT:30", "ENTITLEMENT:7", "TRIAL:12", "TRIAL:2"]);
  });

  it("tells the organization and, for entitlements, the person named renewal contact personally", async () => {
    const { customer } = await customerWithEndings();
    const renewer = await seed.member(customer, "MEMBER");
    const other = await seed.member(customer, "MEMBER");
    const renewerId = (await client.ok(renewer, ME)).me.id;
    await client.ok(customer.admin, NAME_CONTACT, { input: { userId: renewerId, role: "RENEWAL" } });
    await client.ok(customer.admin, ops.SetReminderSettingsDocument, {
      input: { ...DEFAULTS, entitlementDays: [30], trialDays: [] },
    });
    await announceExpiries(entitlements());
    await drain();
    const seen = async (who: typeof renewer) =>
      (
        await client.ok(who, `query { myNotifications(first: 50) { edges { node { category personal body } } } }`)
      ).myNotifications.edges.map((e: { node: { category: string; personal: boolean } }) => e.node);
    const mine = await seen(renewer);
    expect(mine.map((n: { category: string }) => n.category).sort()).toEqual(["ENTITLEMENT_EXPIRING", "RENEWAL_DUE"]);
    expect(mine.find((n: { category: string }) => n.category === "RENEWAL_DUE")).toMatchObject({
      personal: true,
      body: expect.stringContaining("Endpoint Management"),
    });
    // The organization's notice reaches everyone; the personal one only its addressee.
    expect((await seen(other)).map((n: { category: string }) => n.category)).toEqual(["ENTITLEMENT_EXPIRING"]);
    expect((await seen(customer.admin)).map((n: { category: string }) => n.category)).toEqual(["ENTITLEMENT_EXPIRING"]);
  });
});

describe("administrator grants with an end, and reminders of grants and consents ending", () => {
  const INVITE = `mutation($input: InviteAdministratorInput!) { inviteAdministrator(input: $input) { id endsAt } }`;
  const ACCEPT = `mutation($id: ID!) { acceptAdministratorInvitation(id: $id) { id } }`;
  const identity = () => stack.subgraphs.identity.dataSource;
  const eventsOf = async (subgraph: "identity" | "connections", type: string, organizationId: string) =>
    (await stack.subgraphs[subgraph].dataSource.getRepository(OutboxEvent).find({ where: { type } }))
      .map((e) => e.payload as { organizationId: string; side: string; leadDays: number })
      .filter((p) => p.organizationId === organizationId)
      .map((p) => `${p.side}:${p.leadDays}`)
      .sort();

  it("lets the grantee act for the customer until the end the customer chose, and not after", async () => {
    const customer = await seed.customer();
    const partner = await seed.partner();
    const past = await client.error(customer.admin, INVITE, {
      input: { email: partner.admin.email, access: "FULL", endsAt: new Date(Date.now() - 1000).toISOString() },
    });
    expect(past).toMatchObject({ code: "BAD_USER_INPUT", field: "endsAt" });
    // An end close enough to reach in the test: the gateway caches a caller for seconds, never past the grant's end.
    const endsAt = new Date(Date.now() + 2_000).toISOString();
    const { inviteAdministrator } = await client.ok(customer.admin, INVITE, {
      input: { email: partner.admin.email, access: "FULL", endsAt },
    });
    expect(inviteAdministrator.endsAt).toBe(endsAt);
    await client.ok(partner.admin, ACCEPT, { id: inviteAdministrator.id });
    const asCustomer = { ...partner.admin, organizationId: customer.id };
    expect((await client.ok(asCustomer, ops.MeDocument)).me.organization?.id).toBe(customer.id);

    // The end comes: the very next request acts for nobody.
    await new Promise((resolve) => setTimeout(resolve, Date.parse(endsAt) - Date.now() + 10));
    expect((await client.error(asCustomer, ops.MeDocument)).code).toBe("FORBIDDEN");
  });

  it("reminds both sides of a grant ending, each at its own lead times, once", async () => {
    const { announceGrantEnds } = await import("@partnergraph/identity");
    const customer = await seed.customer();
    const partner = await seed.partner();
    await client.ok(partner.admin, ops.SetReminderSettingsDocument, { input: { ...DEFAULTS, grantDays: [20] } });
    const { inviteAdministrator } = await client.ok(customer.admin, INVITE, {
      input: { email: partner.admin.email, access: "FULL", endsAt: new Date(Date.now() + 10 * DAY).toISOString() },
    });
    await client.ok(partner.admin, ACCEPT, { id: inviteAdministrator.id });
    await announceGrantEnds(identity());
    await announceGrantEnds(identity());
    // The customer (defaults 14 and 3) at 14 days; the partner, whose person holds it, at its 20.
    expect(await eventsOf("identity", "GrantEndApproaching", customer.id)).toEqual(["GIVEN:14"]);
    expect(await eventsOf("identity", "GrantEndApproaching", partner.id)).toEqual(["HELD:20"]);
    await drain();
    const reminders = async (org: Org) =>
      (await client.ok(org.admin, ops.MyNotificationsDocument, {})).myNotifications.edges
        .filter((e: { node: { category: string } }) => e.node.category === "REMINDER")
        .map((e: { node: { title: string } }) => e.node.title);
    expect(await reminders(customer)).toEqual(["An administrator grant ends soon"]);
    expect(await reminders(partner)).toEqual(["An administrator grant ends soon"]);
  });

  it("reminds the customer and its partner of a consent ending, once each", async () => {
    const { remindConsentEnds } = await import("@partnergraph/connections");
    const customer = await seed.customer();
    const partner = await seed.partner();
    const connectionId = await seed.connect(partner, customer);
    await client.ok(customer.admin, ops.SetReminderSettingsDocument, { input: { ...DEFAULTS, consentDays: [30, 5] } });
    await client.ok(customer.admin, ops.SetPartnerConsentDocument, {
      connectionId,
      input: { areas: ["TICKETS"], until: new Date(Date.now() + 6 * DAY).toISOString() },
    });
    const connections = stack.subgraphs.connections.dataSource;
    await remindConsentEnds(connections);
    await remindConsentEnds(connections);
    // The customer at its 30 days; the partner (defaults 7 and 1) at 7.
    expect(await eventsOf("connections", "ConsentEndApproaching", customer.id)).toEqual(["GIVEN:30"]);
    expect(await eventsOf("connections", "ConsentEndApproaching", partner.id)).toEqual(["HELD:7"]);
    await remindConsentEnds(connections, new Date(Date.now() + 1.5 * DAY));
    expect(await eventsOf("connections", "ConsentEndApproaching", customer.id)).toEqual(["GIVEN:30", "GIVEN:5"]);
    expect(await eventsOf("connections", "ConsentEndApproaching", partner.id)).toEqual(["HELD:7"]);
  });
});
