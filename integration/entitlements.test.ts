import { print, visit } from "graphql";
import { config, CONTEXT_HEADER, newId, OutboxEvent, signContext } from "@partnergraph/kit";
import { announceExpiries } from "@partnergraph/entitlements";
import type { Stack } from "@partnergraph/scripts";
import { Trial } from "../subgraphs/entitlements/src/trial/trial.entity";
import { Client, Org, post, Seed, sqlNow, useStack, organizationEntities, organizationReps, signedAs } from "./testkit";
import * as ops from "@partnergraph/operations";

/** CustomerDetail as written, less `contacts` (the support subgraph's part, tested there). */
const customerOrders = print(
  visit(ops.CustomerDetailDocument, { Field: (node) => (node.name.value === "contacts" ? null : undefined) }),
);

const DAY = 86_400_000;
const TRIALS = `query($id: ID!) { organization(id: $id) { trials { id status startsAt endsAt service { code name } } } }`;
const ENTITLEMENTS = `query($id: ID!) { organization(id: $id) { entitlements { id licenseCount unit startsAt expiresAt status service { code } } } }`;
const SERVICES = `query($id: ID!) { organization(id: $id) { services { source until service { code } } } }`;
const APPROVE = `mutation($id: ID!) { approveTrial(id: $id) { id status startsAt endsAt } }`;
const DECLINE = `mutation($id: ID!) { declineTrial(id: $id) { id status startsAt endsAt } }`;
const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id number placedAt currency total reseller { id name } lines { quantity termMonths unitPrice service { code } } } }`;
const RESELL = `mutation($code: String!) { registerToResell(serviceCode: $code) { id status service { code resellable } } }`;

let stack: Stack;
let seed: Seed;
let client: Client;
useStack((started) => ({ stack, seed, client } = started));

const db = () => stack.subgraphs.entitlements.dataSource;
/** Fixture: moves a trial's period (tests never sleep: they create the past). */
const setTrialPeriod = (id: string, startsAt: Date, endsAt: Date) =>
  db().query(`UPDATE trial SET starts_at = ?, ends_at = ? WHERE id = ?`, [sqlNow(startsAt), sqlNow(endsAt), id]);
const setExpiry = (id: string, expiresAt: Date) =>
  db().query(`UPDATE entitlement SET expires_at = ? WHERE id = ?`, [sqlNow(expiresAt), id]);
const plusYears = (iso: string, years: number) => {
  const d = new Date(iso);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString();
};
const trialsOf = async (actor: Parameters<Client["ok"]>[0], org: Org) =>
  (await client.ok(actor, TRIALS, { id: org.id })).organization.trials;
const order = (
  customerId: string,
  lines: { serviceCode: string; quantity: number; termMonths: number; unitPrice: string }[],
  extra: Record<string, unknown> = {},
) => ({
  input: { customerId, currency: "USD", lines, ...extra },
});

const entities = organizationEntities;
const reps = organizationReps;

describe("service catalog", () => {
  it("lists the catalog by name to anyone signed in (ServiceCatalog)", async () => {
    const customer = await seed.customer();
    const { services } = await client.ok(customer.admin, ops.ServiceCatalogDocument);
    expect(services).toEqual([
      { code: "ANALYTICS", name: "Analytics", trialDays: 14, resellable: true },
      { code: "CONTENT", name: "Content Collaboration", trialDays: 30, resellable: false },
      { code: "ENDPOINT", name: "Endpoint Management", trialDays: 30, resellable: true },
      { code: "SDWAN", name: "SD-WAN Orchestrator", trialDays: 30, resellable: true },
      { code: "SPA", name: "Secure Private Access", trialDays: 30, resellable: true },
      { code: "VAD", name: "Virtual Apps and Desktops", trialDays: 30, resellable: true },
      { code: "WORKSPACE", name: "Workspace", trialDays: 30, resellable: true },
    ]);
    expect((await client.error({}, ops.ServiceCatalogDocument)).code).toBe("UNAUTHENTICATED");
  });
});

describe("trials", () => {
  it("runs PENDING → ACTIVE (vendor approves) → EXPIRED once its end has passed, computed when read", async () => {
    const customer = await seed.customer();
    const vendor = await seed.vendorAdmin();
    const { requestTrial } = await client.ok(customer.admin, ops.RequestTrialDocument, { serviceCode: "SDWAN" });
    expect(requestTrial).toEqual({ id: expect.stringMatching(/^TRL-/), status: "PENDING", service: { code: "SDWAN" } });

    expect((await client.error(customer.admin, APPROVE, { id: requestTrial.id })).code).toBe("FORBIDDEN");
    const before = Date.now();
    const { approveTrial } = await client.ok(vendor, APPROVE, { id: requestTrial.id });
    expect(approveTrial.status).toBe("ACTIVE");
    const startsAt = new Date(approveTrial.startsAt).getTime();
    expect(startsAt).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(approveTrial.endsAt).getTime() - startsAt).toBe(30 * DAY);
    expect((await client.error(vendor, APPROVE, { id: requestTrial.id })).code).toBe("CONFLICT");
    expect((await client.error(vendor, DECLINE, { id: requestTrial.id })).code).toBe("CONFLICT");

    // Its end passes: no job has run, yet it reads EXPIRED.
    await setTrialPeriod(requestTrial.id, new Date(Date.now() - 31 * DAY), new Date(Date.now() - 60_000));
    expect(await trialsOf(customer.admin, customer)).toEqual([
      expect.objectContaining({
        id: requestTrial.id,
        status: "EXPIRED",
        service: { code: "SDWAN", name: "SD-WAN Orchestrator" },
      }),
    ]);
  });

  it("declines a PENDING trial; a declined trial cannot be approved; unknown trials are NOT_FOUND", async () => {
    const customer = await seed.customer();
    const vendor = await seed.vendorAdmin();
    const { requestTrial } = await client.ok(customer.admin, ops.RequestTrialDocument, { serviceCode: "VAD" });
    const { declineTrial } = await client.ok(vendor, DECLINE, { id: requestTrial.id });
    expect(declineTrial).toEqual({ id: requestTrial.id, status: "DECLINED", startsAt: null, endsAt: null });
    expect((await client.error(vendor, APPROVE, { id: requestTrial.id })).code).toBe("CONFLICT");
    expect((await client.error(vendor, APPROVE, { id: "TRL-NOSUCHTRL0" })).code).toBe("NOT_FOUND");
    expect((await trialsOf(customer.admin, customer)).map((t: any) => t.status)).toEqual(["DECLINED"]);
  });

  it("lists PENDING trials for the vendor only", async () => {
    const customer = await seed.customer();
    const { requestTrial } = await client.ok(customer.admin, ops.RequestTrialDocument, { serviceCode: "ANALYTICS" });
    const pending = `{ pendingTrials { id status organization { id } } }`;
    const { pendingTrials } = await client.ok(await seed.vendorAdmin(), pending);
    expect(pendingTrials).toContainEqual({ id: requestTrial.id, status: "PENDING", organization: { id: customer.id } });
    expect((await client.error(customer.admin, pending)).code).toBe("FORBIDDEN");
  });

  it("allows one open trial per organization and service: pending or active blocks, declined or expired does not", async () => {
    const customer = await seed.customer();
    const other = await seed.customer();
    const vendor = await seed.vendorAdmin();
    const first = (await client.ok(customer.admin, ops.RequestTrialDocument, { serviceCode: "SPA" })).requestTrial;
    expect((await client.error(customer.admin, ops.RequestTrialDocument, { serviceCode: "SPA" })).code).toBe(
      "CONFLICT",
    );
    // Another service, and another organization, are not blocked.
    await client.ok(customer.admin, ops.RequestTrialDocument, { serviceCode: "ENDPOINT" });
    await client.ok(other.admin, ops.RequestTrialDocument, { serviceCode: "SPA" });

    await client.ok(vendor, DECLINE, { id: first.id });
    const second = (await client.ok(customer.admin, ops.RequestTrialDocument, { serviceCode: "spa" })).requestTrial;
    expect(second.service.code).toBe("SPA");
    await client.ok(vendor, APPROVE, { id: second.id });
    expect((await client.error(customer.admin, ops.RequestTrialDocument, { serviceCode: "SPA" })).code).toBe(
      "CONFLICT",
    );

    // Expired (its open key still set: nothing ran when it ended): the next request releases it.
    await setTrialPeriod(second.id, new Date(Date.now() - 40 * DAY), new Date(Date.now() - DAY));
    const third = (await client.ok(customer.admin, ops.RequestTrialDocument, { serviceCode: "SPA" })).requestTrial;
    const statuses = Object.fromEntries((await trialsOf(customer.admin, customer)).map((t: any) => [t.id, t.status]));
    expect(statuses).toMatchObject({ [first.id]: "DECLINED", [second.id]: "EXPIRED", [third.id]: "PENDING" });
    const keys = await db().query(`SELECT id, open_key FROM trial WHERE organization_id = ? AND service_code = 'SPA'`, [
      customer.id,
    ]);
    expect(Object.fromEntries(keys.map((k: any) => [k.id, k.open_key]))).toEqual({
      [first.id]: null,
      [second.id]: null,
      [third.id]: `${customer.id}:SPA`,
    });
  });

  it("lets exactly one of two simultaneous requests in", async () => {
    const customer = await seed.customer();
    const results = await Promise.all(
      [1, 2, 3].map(() => client.send(customer.admin, ops.RequestTrialDocument, { serviceCode: "WORKSPACE" })),
    );
    expect(results.filter((r) => r.data?.requestTrial).length).toBe(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === "CONFLICT").length).toBe(2);
  });

  it("refuses a trial of a service the organization already holds licenses for, and unknown services", async () => {
    const customer = await seed.customer();
    await client.ok(
      await seed.vendorAdmin(),
      PLACE,
      order(customer.id, [{ serviceCode: "VAD", quantity: 5, termMonths: 12, unitPrice: "10" }]),
    );
    expect((await client.error(customer.admin, ops.RequestTrialDocument, { serviceCode: "VAD" })).code).toBe(
      "CONFLICT",
    );
    expect(await client.error(customer.admin, ops.RequestTrialDocument, { serviceCode: "NOPE" })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "serviceCode",
    });
  });
});

describe("provisioning", () => {
  it("lets a partner administering the customer add a service: an ACTIVE trial the customer sees (AddService)", async () => {
    const customer = await seed.customer();
    const partner = await seed.partner();
    await seed.administrator(customer, partner.admin);
    const { addService } = await client.ok(partner.admin, ops.AddServiceDocument, {
      customerId: customer.id,
      serviceCode: "SDWAN",
    });
    expect(addService).toEqual({ id: expect.stringMatching(/^TRL-/), status: "ACTIVE", service: { code: "SDWAN" } });
    const [trial] = await trialsOf(customer.admin, customer);
    expect(trial).toMatchObject({ id: addService.id, status: "ACTIVE" });
    expect(new Date(trial.endsAt).getTime() - new Date(trial.startsAt).getTime()).toBe(30 * DAY);
    const { organization } = await client.ok(customer.admin, SERVICES, { id: customer.id });
    expect(organization.services).toEqual([{ source: "TRIAL", until: trial.endsAt, service: { code: "SDWAN" } }]);
    expect(
      (await client.error(partner.admin, ops.AddServiceDocument, { customerId: customer.id, serviceCode: "SDWAN" }))
        .code,
    ).toBe("CONFLICT");
  });

  it("refuses a partner without the administrator grant, and one whose CUSTOM grant does not cover the service", async () => {
    const customer = await seed.customer();
    const stranger = await seed.partner();
    expect(
      (await client.error(stranger.admin, ops.AddServiceDocument, { customerId: customer.id, serviceCode: "SDWAN" }))
        .code,
    ).toBe("FORBIDDEN");
    // Connected is not enough: acting on a customer takes a grant.
    await seed.connect(stranger, customer);
    expect(
      (await client.error(stranger.admin, ops.AddServiceDocument, { customerId: customer.id, serviceCode: "SDWAN" }))
        .code,
    ).toBe("FORBIDDEN");

    const scoped = await seed.partner();
    await seed.administrator(customer, scoped.admin, "CUSTOM", ["SDWAN"]);
    expect(
      (await client.error(scoped.admin, ops.AddServiceDocument, { customerId: customer.id, serviceCode: "VAD" })).code,
    ).toBe("FORBIDDEN");
    expect(
      (await client.ok(scoped.admin, ops.AddServiceDocument, { customerId: customer.id, serviceCode: "SDWAN" }))
        .addService.status,
    ).toBe("ACTIVE");
    expect(
      await client.error(scoped.admin, ops.AddServiceDocument, { customerId: customer.id, serviceCode: "NOPE" }),
    ).toMatchObject({ code: "BAD_USER_INPUT", field: "serviceCode" });
    expect(
      await client.error(scoped.admin, ops.AddServiceDocument, { customerId: "nope", serviceCode: "SDWAN" }),
    ).toMatchObject({ code: "BAD_USER_INPUT", field: "customerId" });
    expect((await trialsOf(customer.admin, customer)).map((t: any) => t.service.code)).toEqual(["SDWAN"]);
  });

  it("lets a badged partner ask to resell a resellable service; approved by the vendor, it is provisioned for it", async () => {
    const partner = await seed.partner();
    const customer = await seed.customer();
    expect((await client.error(customer.admin, RESELL, { code: "SDWAN" })).code).toBe("FORBIDDEN");
    expect((await client.error(partner.admin, RESELL, { code: "CONTENT" })).code).toBe("FORBIDDEN");
    expect(await client.error(partner.admin, RESELL, { code: "NOPE" })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "serviceCode",
    });
    const { registerToResell } = await client.ok(partner.admin, RESELL, { code: "SDWAN" });
    expect(registerToResell).toEqual({
      id: expect.any(String),
      status: "PENDING",
      service: { code: "SDWAN", resellable: true },
    });
    // Pending provisions nothing.
    expect((await client.ok(partner.admin, SERVICES, { id: partner.id })).organization.services).toEqual([]);
    await client.ok(await seed.vendorAdmin(), `mutation($id: ID!) { approveResellRegistration(id: $id) { id } }`, {
      id: registerToResell.id,
    });
    const { organization } = await client.ok(partner.admin, SERVICES, { id: partner.id });
    expect(organization.services).toEqual([{ source: "RESELL", until: null, service: { code: "SDWAN" } }]);
  });
});

describe("orders and entitlements", () => {
  it("adds up license counts and extends the expiry to the latest licenses' end over several orders, in the order's transaction", async () => {
    const customer = await seed.customer();
    const vendor = await seed.vendorAdmin();
    const first = (
      await client.ok(
        vendor,
        PLACE,
        order(customer.id, [{ serviceCode: "SDWAN", quantity: 10, termMonths: 12, unitPrice: "25.00" }]),
      )
    ).placeOrder;
    expect(first).toMatchObject({
      number: expect.stringMatching(/^SO-\d{4}-[0-9A-Z]{6}$/),
      currency: "USD",
      total: "3000.00",
      reseller: null,
    });
    expect(first.lines).toEqual([{ quantity: 10, termMonths: 12, unitPrice: "25.00", service: { code: "SDWAN" } }]);
    const second = (
      await client.ok(
        vendor,
        PLACE,
        order(customer.id, [
          { serviceCode: "SDWAN", quantity: 5, termMonths: 12, unitPrice: "24.50" },
          { serviceCode: "VAD", quantity: 100, termMonths: 24, unitPrice: 12.99 as any },
        ]),
      )
    ).placeOrder;
    expect(second.total).toBe("32646.00"); // 5 × 24.50 × 12 + 100 × 12.99 × 24
    expect(second.number).not.toBe(first.number);

    const { organization } = await client.ok(customer.admin, ENTITLEMENTS, { id: customer.id });
    expect(organization.entitlements).toEqual([
      {
        id: expect.stringMatching(/^ENT-/),
        licenseCount: 15,
        unit: "SITE",
        startsAt: first.placedAt,
        expiresAt: plusYears(second.placedAt, 1),
        status: "ACTIVE",
        service: { code: "SDWAN" },
      },
      {
        id: expect.stringMatching(/^ENT-/),
        licenseCount: 100,
        unit: "USER",
        startsAt: second.placedAt,
        expiresAt: plusYears(second.placedAt, 2),
        status: "ACTIVE",
        service: { code: "VAD" },
      },
    ]);

    // A short add-on adds licenses but never shortens the expiry.
    await client.ok(
      vendor,
      PLACE,
      order(customer.id, [{ serviceCode: "SDWAN", quantity: 1, termMonths: 1, unitPrice: "25" }]),
    );
    expect(
      (await client.ok(customer.admin, ENTITLEMENTS, { id: customer.id })).organization.entitlements[0],
    ).toMatchObject({ licenseCount: 16, expiresAt: plusYears(second.placedAt, 1) });

    // Expired: it reads EXPIRED at once; the next order starts it afresh with that order's licenses only.
    const sdwan = organization.entitlements[0];
    await setExpiry(sdwan.id, new Date(Date.now() - 1000));
    expect(
      (await client.ok(customer.admin, ENTITLEMENTS, { id: customer.id })).organization.entitlements[0],
    ).toMatchObject({ id: sdwan.id, status: "EXPIRED", licenseCount: 16 });
    const third = (
      await client.ok(
        vendor,
        PLACE,
        order(customer.id, [{ serviceCode: "SDWAN", quantity: 3, termMonths: 12, unitPrice: "20" }]),
      )
    ).placeOrder;
    expect(
      (await client.ok(customer.admin, ENTITLEMENTS, { id: customer.id })).organization.entitlements[0],
    ).toMatchObject({
      id: sdwan.id,
      status: "ACTIVE",
      licenseCount: 3,
      startsAt: third.placedAt,
      expiresAt: plusYears(third.placedAt, 1),
    });
  });

  it("lets a partner place an order as reseller only for a customer it administers and services it registered to resell", async () => {
    const customer = await seed.customer();
    const partner = await seed.partner();
    const input = order(customer.id, [{ serviceCode: "SDWAN", quantity: 2, termMonths: 6, unitPrice: "30" }]);
    expect((await client.error(partner.admin, PLACE, input)).code).toBe("FORBIDDEN"); // no grant
    await seed.administrator(customer, partner.admin);
    expect((await client.error(partner.admin, PLACE, input)).code).toBe("FORBIDDEN"); // not registered to resell
    const { registerToResell } = await client.ok(partner.admin, RESELL, { code: "SDWAN" });
    expect((await client.error(partner.admin, PLACE, input)).code).toBe("FORBIDDEN"); // asked, not yet approved
    await client.ok(await seed.vendorAdmin(), `mutation($id: ID!) { approveResellRegistration(id: $id) { id } }`, {
      id: registerToResell.id,
    });
    const { placeOrder } = await client.ok(partner.admin, PLACE, input);
    expect(placeOrder).toMatchObject({ total: "360.00", reseller: { id: partner.id, name: partner.name } });
    const someoneElse = await seed.partner();
    expect(
      (await client.error(partner.admin, PLACE, { input: { ...input.input, resellerId: someoneElse.id } })).code,
    ).toBe("FORBIDDEN");
    expect((await client.error(customer.admin, PLACE, input)).code).toBe("FORBIDDEN");
    // Nothing half-applied: the refused orders left no licenses behind.
    const { organization } = await client.ok(customer.admin, ENTITLEMENTS, { id: customer.id });
    expect(organization.entitlements.map((e: any) => e.licenseCount)).toEqual([2]);
  });

  it("validates orders naming the field", async () => {
    const customer = await seed.customer();
    const vendor = await seed.vendorAdmin();
    const line = { serviceCode: "SDWAN", quantity: 1, termMonths: 12, unitPrice: "1.00" };
    expect(await client.error(vendor, PLACE, order(customer.id, [{ ...line, quantity: 0 }]))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "lines.0.quantity",
    });
    expect(
      await client.error(vendor, PLACE, order(customer.id, [line, { ...line, serviceCode: "NOPE" }])),
    ).toMatchObject({ code: "BAD_USER_INPUT", field: "lines.1.serviceCode" });
    expect(await client.error(vendor, PLACE, order(customer.id, []))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "lines",
    });
    expect(await client.error(vendor, PLACE, order(customer.id, [line], { currency: "dollars" }))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "currency",
    });
    expect(await client.error(vendor, PLACE, order("garbage", [line]))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "customerId",
    });
    for (const unitPrice of ["1.005", "-1", "abc", "1000000.01"]) {
      expect(await client.error(vendor, PLACE, order(customer.id, [{ ...line, unitPrice }]))).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "lines.0.unitPrice",
      });
    }
    // Only a badged partner resells: another customer named as reseller is refused.
    const notAPartner = await seed.customer();
    expect(await client.error(vendor, PLACE, order(customer.id, [line], { resellerId: notAPartner.id }))).toMatchObject(
      { code: "BAD_USER_INPUT", field: "resellerId" },
    );
    expect((await client.ok(customer.admin, ENTITLEMENTS, { id: customer.id })).organization.entitlements).toEqual([]);
  });

  it("pages orders newest first (CustomerDetail)", async () => {
    const customer = await seed.customer();
    const partner = await seed.partner();
    const vendor = await seed.vendorAdmin();
    const placed = [];
    for (const quantity of [1, 2, 3]) {
      placed.push(
        (
          await client.ok(
            vendor,
            PLACE,
            order(customer.id, [{ serviceCode: "ENDPOINT", quantity, termMonths: 1, unitPrice: "4.00" }], {
              resellerId: partner.id,
            }),
          )
        ).placeOrder,
      );
    }
    const { organization } = await client.ok(vendor, customerOrders, { id: customer.id, ordersFirst: 2 });
    expect(organization.orders.totalCount).toBe(3);
    expect(organization.orders.edges.map((e: any) => e.node)).toEqual(
      [placed[2], placed[1]].map((o) => ({
        id: o.id,
        number: o.number,
        placedAt: o.placedAt,
        currency: "USD",
        total: o.total,
        reseller: { id: partner.id, name: partner.name },
        lines: [
          { quantity: o.lines[0].quantity, termMonths: 1, service: { code: "ENDPOINT", name: "Endpoint Management" } },
        ],
      })),
    );
    const page = `query($id: ID!, $after: String) { organization(id: $id) { orders(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }`;
    const one = (await client.ok(vendor, page, { id: customer.id })).organization.orders;
    expect(one.pageInfo.hasNextPage).toBe(true);
    const two = (await client.ok(vendor, page, { id: customer.id, after: one.pageInfo.endCursor })).organization.orders;
    expect(two).toEqual({
      totalCount: 3,
      pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
      edges: [{ node: { id: placed[0].id } }],
    });
    expect(await client.error(vendor, page, { id: customer.id, after: "bogus" })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "after",
    });
  });
});

describe("who may see trials, entitlements, orders and services", () => {
  const fields = `trials { id } entitlements { id } orders(first: 5) { totalCount } services { source }`;

  it("shows them to the organization, the vendor and a connected partner; refuses anyone else, also straight to the subgraph", async () => {
    const customer = await seed.customer();
    const connected = await seed.partner();
    const stranger = await seed.partner();
    await seed.connect(connected, customer);
    await client.ok(customer.admin, ops.RequestTrialDocument, { serviceCode: "SDWAN" });
    const query = `query($id: ID!) { organization(id: $id) { id ${fields} } }`;
    for (const actor of [customer.admin, await seed.vendorAdmin(), connected.admin]) {
      expect((await client.ok(actor, query, { id: customer.id })).organization.trials).toHaveLength(1);
    }
    expect((await client.error(stranger.admin, query, { id: customer.id })).code).toBe("FORBIDDEN");

    const url = stack.subgraphs.entitlements.url;
    const asStranger = signedAs({ organizationId: stranger.id, isPartner: true });
    const refused = await post(url, entities(fields), reps([customer.id]), {}, asStranger);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(refused.data?._entities).toEqual([null]);
    for (const field of ["trials { id }", "entitlements { id }", "orders { totalCount }", "services { source }"]) {
      expect(
        (await post(url, entities(field), reps([customer.id]), {}, asStranger)).errors?.[0]?.extensions?.code,
      ).toBe("FORBIDDEN");
    }
    const allowed = await post(
      url,
      entities("trials { status }"),
      reps([customer.id]),
      {},
      signedAs({ organizationId: connected.id, isPartner: true }),
    );
    expect(allowed.data?._entities).toEqual([{ id: customer.id, trials: [{ status: "PENDING" }] }]);
    // Connected but without a badge: refused.
    const unbadged = await post(
      url,
      entities("trials { status }"),
      reps([customer.id]),
      {},
      signedAs({ organizationId: connected.id, isPartner: false }),
    );
    expect(unbadged.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    // No context, or a forged one: refused before any resolver runs.
    expect((await post(url, entities("trials { id }"), reps([customer.id]))).status).toBe(401);
    const forged = {
      [CONTEXT_HEADER]: signContext({ requestId: "x", caller: null, issuedAt: Date.now() }, "not-the-secret"),
    };
    expect((await post(url, entities("trials { id }"), reps([customer.id]), {}, forged)).status).toBe(401);
  });

  it("runs as many SQL statements for 100 organizations as for 5", async () => {
    const vendorId = config().vendorOrganizationId;
    const partner = await seed.partner();
    const vendorAdmin = await seed.vendorAdmin();
    const customers: Org[] = [];
    for (let batch = 0; batch < 10; batch++) {
      customers.push(...(await Promise.all(Array.from({ length: 10 }, () => seed.customer()))));
    }
    const ids = customers.map((c) => c.id);
    // One at a time: concurrent calls for one partner's invitation link may race each other in connections.
    for (const customer of customers) await seed.connect(partner, customer);
    const now = Date.now();
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        customers.slice(batch * 10, batch * 10 + 10).map(async (customer, j) => {
          const i = batch * 10 + j;
          await db()
            .getRepository(Trial)
            .insert({
              id: newId("TRL"),
              organizationId: customer.id,
              serviceCode: "SDWAN",
              storedStatus: "ACTIVE" as any,
              openKey: null,
              requestedAt: new Date(now - 2 * DAY),
              requestedByUserId: "USR-TEST000000",
              addedByOrganizationId: null,
              startsAt: new Date(now - DAY),
              endsAt: new Date(now + (i % 2 ? -1 : 1) * DAY * 5),
              decidedAt: null,
              decidedByUserId: null,
              expiryAnnouncedAt: null,
            });
          for (const quantity of [1, 2]) {
            await client.ok(
              vendorAdmin,
              PLACE,
              order(
                customer.id,
                [
                  { serviceCode: "VAD", quantity, termMonths: 12, unitPrice: "1" },
                  { serviceCode: "SPA", quantity, termMonths: 12, unitPrice: "1" },
                ],
                { resellerId: partner.id },
              ),
            );
          }
        }),
      );
    }
    const vendor = { organizationId: vendorId, isVendorAdmin: true };
    const query =
      entities(`trials { status service { name } } entitlements { licenseCount status service { name } } services { source service { code } }
      orders(first: 5) { totalCount edges { node { number total reseller { id } lines { quantity service { name } } } } }`);
    // Only the measured request's statements count: not the expiry scanner's, the relay's or an event delivery's
    // that happen to run meanwhile (the seeding above leaves events in flight).
    const measure = async (count: number, caller: Parameters<typeof signedAs>[0]) => {
      const requestId = newId("REQ");
      const measured = await stack.subgraphs.entitlements.queries.measure(
        () => post(stack.subgraphs.entitlements.url, query, reps(ids.slice(0, count)), {}, signedAs(caller, requestId)),
        { requestId },
      );
      const result = measured.result;
      expect(result.errors).toBeUndefined();
      expect(result.data._entities).toHaveLength(count);
      expect(result.data._entities[count - 1].orders.edges[0].node.lines).toHaveLength(2);
      return measured.count;
    };
    const asPartner = { organizationId: partner.id, isPartner: true };
    const [vendor5, vendor100, partner5, partner100] = [
      await measure(5, vendor),
      await measure(100, vendor),
      await measure(5, asPartner),
      await measure(100, asPartner),
    ];
    if (process.env.SHOW_COUNTS) console.log({ vendor5, vendor100, partner5, partner100 });
    expect(vendor100).toBe(vendor5);
    expect(partner100).toBe(partner5);
    expect(vendor5).toBeLessThanOrEqual(9);
    // Seeding 100 organizations through the API takes minutes on a machine shared by several test suites.
  }, 240_000);
});

describe("expiry notices", () => {
  it("reminds of each trial and entitlement at the organization's lead times once (defaults: trials 14 and 3 days, entitlements 30 and 7)", async () => {
    const customer = await seed.customer();
    const partner = await seed.partner();
    await seed.administrator(customer, partner.admin);
    const vendor = await seed.vendorAdmin();
    const soon = (
      await client.ok(partner.admin, ops.AddServiceDocument, { customerId: customer.id, serviceCode: "SDWAN" })
    ).addService;
    const later = (
      await client.ok(partner.admin, ops.AddServiceDocument, { customerId: customer.id, serviceCode: "VAD" })
    ).addService;
    const ended = (
      await client.ok(partner.admin, ops.AddServiceDocument, { customerId: customer.id, serviceCode: "SPA" })
    ).addService;
    const soonEnd = new Date(Date.now() + 5 * DAY);
    await setTrialPeriod(soon.id, new Date(Date.now() - 25 * DAY), soonEnd);
    await setTrialPeriod(ended.id, new Date(Date.now() - 31 * DAY), new Date(Date.now() - DAY));
    await client.ok(
      vendor,
      PLACE,
      order(customer.id, [{ serviceCode: "ENDPOINT", quantity: 50, termMonths: 12, unitPrice: "2" }]),
    );
    const [entitlement] = (await client.ok(customer.admin, ENTITLEMENTS, { id: customer.id })).organization
      .entitlements;
    const expiresAt = new Date(Date.now() + 10 * DAY);
    await setExpiry(entitlement.id, expiresAt);

    await announceExpiries(db());
    await announceExpiries(db()); // a second pass announces nothing again
    const events = async () =>
      (
        await db()
          .getRepository(OutboxEvent)
          .find({ where: { type: "ExpiryApproaching" }, order: { createdAt: "ASC" } })
      )
        .map((e) => e.payload)
        .filter((p) => p.organizationId === customer.id);
    expect((await events()).sort((a: any, b: any) => a.kind.localeCompare(b.kind))).toEqual([
      {
        organizationId: customer.id,
        kind: "ENTITLEMENT",
        itemId: entitlement.id,
        serviceCode: "ENDPOINT",
        serviceName: "Endpoint Management",
        endsAt: expiresAt.toISOString(),
        leadDays: 30,
      },
      {
        organizationId: customer.id,
        kind: "TRIAL",
        itemId: soon.id,
        serviceCode: "SDWAN",
        serviceName: "SD-WAN Orchestrator",
        endsAt: soonEnd.toISOString(),
        leadDays: 14,
      },
    ]);
    void later;
    // Each reminder is claimed under its key in the same transaction as its event.
    const claimed = await db().query(`SELECT reminder_key FROM reminder_sent WHERE reminder_key LIKE ?`, [
      `trial:${soon.id}:%`,
    ]);
    expect(claimed).toEqual([{ reminder_key: `trial:${soon.id}:${soonEnd.toISOString()}:14` }]);

    // An order extends the entitlement past the horizon: unmarked, and not announced again until its new end nears.
    await client.ok(
      vendor,
      PLACE,
      order(customer.id, [{ serviceCode: "ENDPOINT", quantity: 10, termMonths: 12, unitPrice: "2" }]),
    );
    await announceExpiries(db());
    expect(await events()).toHaveLength(2);
    // Within the horizon again: announced for the new expiry.
    const newEnd = new Date(Date.now() + 3 * DAY);
    await setExpiry(entitlement.id, newEnd);
    await announceExpiries(db());
    expect((await events()).filter((p) => p.itemId === entitlement.id).map((p) => p.endsAt)).toEqual([
      expiresAt.toISOString(),
      newEnd.toISOString(),
    ]);
  });
});
