import { AUDIT_RETENTION } from "@partnergraph/audit";
import { bulkRunnerOf } from "@partnergraph/connections";
import { AUDIT_ACTIONS, publishersOf } from "@partnergraph/contracts";
import { callInternal, EVENTS_ROUTE, OutboxEvent, pruneOlderThanRetention, recordAudit } from "@partnergraph/kit";
import * as ops from "@partnergraph/operations";
import type { Stack } from "@partnergraph/scripts";
import { randomUUID } from "node:crypto";
import { callerOf, sendSigned } from "./tenancy/harness";
import { Actor, AuditTrail, Client, Org, revealed, SeenEntry as Entry, Seed, useStack } from "./testkit";

let stack: Stack;
let seed: Seed;
let client: Client;
let trail: AuditTrail;

/** The connections subgraph's actions: a test of them leaves out what identity recorded of the same people. */
const CONNECTIONS_ACTIONS = [
  AUDIT_ACTIONS.acceptPartnerInvitation,
  AUDIT_ACTIONS.setPartnerConsent,
  AUDIT_ACTIONS.terminateConnection,
  AUDIT_ACTIONS.addCustomer,
  AUDIT_ACTIONS.startBulkJob,
];

useStack((started) => {
  ({ stack, seed, client } = started);
  trail = new AuditTrail(stack, client);
});

const drain = () => trail.drain();
const entries = (actor: Actor, filter: Record<string, unknown> = {}) => trail.entries(actor, filter);
const seen = (actor: Actor, subjects: string[], filter: Record<string, unknown> = {}) =>
  trail.seen(actor, subjects, filter);

/** A customer connected to a partner, its consent narrowed, the connection then ended by the partner. */
async function history(): Promise<{ partner: Org; customer: Org; connectionId: string }> {
  const [partner, customer] = [await seed.partner(), await seed.customer()];
  const connectionId = await seed.connect(partner, customer);
  await client.ok(customer.admin, ops.SetPartnerConsentDocument, {
    connectionId,
    input: { areas: ["ORDERS"], until: null },
  });
  await client.ok(partner.admin, ops.TerminateConnectionDocument, { id: connectionId });
  await drain();
  return { partner, customer, connectionId };
}

describe("AuditLog: who did what, as which organization, to whom", () => {
  it("records each change with its actor, organizations, summary and request id, newest first", async () => {
    const { partner, customer, connectionId } = await history();
    const { auditLog } = await client.ok(customer.admin, ops.AuditLogDocument, {
      filter: { actions: CONNECTIONS_ACTIONS },
    });
    expect(auditLog.totalCount).toBe(3);
    const [ended, consent, accepted] = auditLog.edges.map((e) => e.node);
    expect(ended).toMatchObject({
      action: AUDIT_ACTIONS.terminateConnection,
      subjectType: "Connection",
      subjectId: connectionId,
      actor: { email: partner.admin.email },
      actingOrganization: { id: partner.id, name: partner.name },
      targetOrganization: { id: customer.id, name: customer.name },
      viaAdministratorGrant: false,
      requestId: expect.any(String),
    });
    // The customer by id: its name is identity's (targetOrganization above), for whoever may still see it.
    expect(ended.summary).toBe(`Ended connection ${connectionId} with customer ${customer.id}`);
    expect(consent).toMatchObject({ action: AUDIT_ACTIONS.setPartnerConsent, actor: { email: customer.admin.email } });
    expect(consent.summary).toBe(`Shared orders with partner ${partner.id}`);
    expect(accepted).toMatchObject({
      action: AUDIT_ACTIONS.acceptPartnerInvitation,
      actingOrganization: { id: customer.id },
      targetOrganization: { id: customer.id },
    });
    expect(new Date(ended.at) >= new Date(accepted.at)).toBe(true);
  });

  it("shows the customer everything about its account, a partner what its people did, the vendor all", async () => {
    const { partner, customer, connectionId } = await history();
    const other = await seed.partner();
    const subjects = [connectionId];
    expect(await seen(customer.admin, subjects)).toEqual([
      `connection.terminate ${connectionId}`,
      `consent.set ${connectionId}`,
      `connection.accept ${connectionId}`,
    ]);
    expect(await seen(partner.admin, subjects)).toEqual([`connection.terminate ${connectionId}`]);
    expect(await seen(other.admin, subjects)).toEqual([]);
    expect(await seen(await seed.vendorAdmin(), subjects)).toHaveLength(3);
  });

  it("shows a partner what its person did as a customer's administrator, marked as through a grant", async () => {
    const [partner, customer, otherPartner] = [await seed.partner(), await seed.partner(), await seed.partner()];
    await seed.administrator(customer, partner.admin);
    const connectionId = await seed.connect(otherPartner, customer);
    const asCustomer = { ...partner.admin, organizationId: customer.id };
    await client.ok(asCustomer, ops.TerminateConnectionDocument, { id: connectionId });
    await drain();
    const { auditLog } = await client.ok(partner.admin, ops.AuditLogDocument, {
      filter: { actions: [AUDIT_ACTIONS.terminateConnection] },
    });
    expect(auditLog.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({
        subjectId: connectionId,
        viaAdministratorGrant: true,
        actingOrganization: expect.objectContaining({ id: customer.id }),
      }),
    ]);
    expect(await seen(customer.admin, [connectionId])).toContain(`connection.terminate ${connectionId}`);
    expect(await seen(otherPartner.admin, [connectionId])).toEqual([]);
  });

  it("names the administrator grant acted through, to the customer and to the partner", async () => {
    const [partner, customer] = [await seed.partner(), await seed.customer()];
    const grantId = await seed.administrator(customer, partner.admin);
    const asCustomer = { ...partner.admin, organizationId: customer.id };
    await client.ok(asCustomer, ops.SetReminderSettingsDocument, {
      input: { entitlementDays: [60], trialDays: [], grantDays: [], consentDays: [] },
    });
    await client.ok(customer.admin, ops.SetReminderSettingsDocument, {
      input: { entitlementDays: [30], trialDays: [], grantDays: [], consentDays: [] },
    });
    await drain();
    const GRANTS = `query($filter: AuditFilter) { auditLog(first: 10, filter: $filter) { edges { node { actor { email } viaAdministratorGrant grantId } } } }`;
    const filter = { actions: [AUDIT_ACTIONS.setReminderSettings] };
    const byPartner = { actor: { email: partner.admin.email }, viaAdministratorGrant: true, grantId };
    const ownName = { actor: { email: customer.admin.email }, viaAdministratorGrant: false, grantId: null };
    const customers = await client.ok(customer.admin, GRANTS, { filter });
    expect(customers.auditLog.edges.map((e: { node: unknown }) => e.node)).toEqual([ownName, byPartner]);
    const partners = await client.ok(partner.admin, GRANTS, { filter });
    expect(partners.auditLog.edges.map((e: { node: unknown }) => e.node)).toEqual([byPartner]);
    // The export carries it too, in its last column.
    const range = {
      since: new Date(Date.now() - 60_000).toISOString(),
      until: new Date(Date.now() + 1000).toISOString(),
    };
    const { auditLogCsv } = await client.ok(
      customer.admin,
      `query($filter: AuditFilter!) { auditLogCsv(filter: $filter) }`,
      {
        filter: { ...range, ...filter },
      },
    );
    expect(
      (auditLogCsv as string)
        .trimEnd()
        .split("\r\n")
        .map((line) => line.split(",").at(-1)),
    ).toEqual(["grant_id", grantId, ""]);
  });

  it("records a partner's added customer and bulk job, and each item the job runs", async () => {
    const partner = await seed.partner();
    const { addCustomer } = await client.ok(partner.admin, ops.AddCustomerDocument, {
      input: { name: "Fabrikam Audit", country: "FR", adminEmail: "it@fabrikam-audit.example", adminName: "Ines" },
    });
    const { startBulkJob } = await client.ok(partner.admin, ops.StartBulkJobDocument, {
      input: { kind: "TERMINATE_CONNECTIONS", idempotencyKey: randomUUID(), connectionIds: [addCustomer.id] },
    });
    await bulkRunnerOf(stack.subgraphs.connections.dataSource)!.drain();
    await drain();
    expect(await entries(partner.admin, { actions: CONNECTIONS_ACTIONS })).toEqual([
      expect.objectContaining({ action: AUDIT_ACTIONS.terminateConnection, subjectId: addCustomer.id }),
      expect.objectContaining({ action: AUDIT_ACTIONS.startBulkJob, subjectId: startBulkJob.id }),
      expect.objectContaining({
        action: AUDIT_ACTIONS.addCustomer,
        subjectId: addCustomer.customer.id,
        summary: "Added customer Fabrikam Audit (FR) with administrator it@fabrikam-audit.example",
      }),
    ]);
  });

  it("records each item of a bulk job adding customers or a service, as the single operation would", async () => {
    const partner = await seed.partner();
    const customer = await seed.customer();
    await seed.connect(partner, customer);
    await seed.administrator(customer, partner.admin);
    const email = `it-${randomUUID().slice(0, 8)}@tailspin-audit.example`;
    const { startBulkJob: adding } = await client.ok(partner.admin, ops.StartBulkJobDocument, {
      input: {
        kind: "ADD_CUSTOMERS",
        idempotencyKey: randomUUID(),
        addCustomers: [{ name: "Tailspin Audit", country: "NL", adminEmail: email, adminName: "Tia" }],
      },
    });
    const { startBulkJob: provisioning } = await client.ok(partner.admin, ops.StartBulkJobDocument, {
      input: {
        kind: "ADD_SERVICE",
        idempotencyKey: randomUUID(),
        addService: { serviceCode: "SDWAN", customerIds: [customer.id] },
      },
    });
    await bulkRunnerOf(stack.subgraphs.connections.dataSource)!.drain();
    await drain();
    const actions = [AUDIT_ACTIONS.startBulkJob, AUDIT_ACTIONS.addCustomer, AUDIT_ACTIONS.addService];
    const { auditLog } = await client.ok(partner.admin, ops.AuditLogDocument, { filter: { actions } });
    const nodes = auditLog.edges.map((e) => e.node);
    expect(nodes.map((n) => n.action).sort()).toEqual([...actions, AUDIT_ACTIONS.startBulkJob].sort());
    expect(
      nodes
        .filter((n) => n.action === AUDIT_ACTIONS.startBulkJob)
        .map((n) => n.subjectId)
        .sort(),
    ).toEqual([adding.id, provisioning.id].sort());
    // The job's items, each in the partner's name as addCustomer and addService record them: the new customer,
    // and the service added in the account the partner administers.
    // Each item's entry carries its job's request id, whichever request's kick the runner ran after.
    const jobRun = (job: { id: string }) => `job:${job.id}`;
    expect(nodes.find((n) => n.action === AUDIT_ACTIONS.addCustomer)).toMatchObject({
      summary: `Added customer Tailspin Audit (NL) with administrator ${email}`,
      actingOrganization: expect.objectContaining({ id: partner.id }),
      requestId: jobRun(adding),
    });
    expect(nodes.find((n) => n.action === AUDIT_ACTIONS.addService)).toMatchObject({
      actingOrganization: expect.objectContaining({ id: partner.id }),
      targetOrganization: expect.objectContaining({ id: customer.id }),
      requestId: jobRun(provisioning),
    });
    // The customer sees the service its partner's person added in its account, not the partner's other work.
    const { auditLog: customers } = await client.ok(customer.admin, ops.AuditLogDocument, { filter: { actions } });
    expect(customers.edges.map((e) => e.node.action)).toEqual([AUDIT_ACTIONS.addService]);
  });

  it("filters by action, actor and time, and pages by cursor", async () => {
    const { partner, customer, connectionId } = await history();
    const byActor = await seen(customer.admin, [connectionId], { actorId: await seed.userIdOf(partner.admin) });
    expect(byActor).toEqual([`connection.terminate ${connectionId}`]);
    expect(await seen(customer.admin, [connectionId], { actions: ["consent.set"] })).toEqual([
      `consent.set ${connectionId}`,
    ]);
    expect(await seen(customer.admin, [connectionId], { since: new Date(Date.now() + 60_000).toISOString() })).toEqual(
      [],
    );
    expect(
      await seen(customer.admin, [connectionId], { until: new Date(Date.now() - 3_600_000).toISOString() }),
    ).toEqual([]);
    const pages: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const { auditLog }: { auditLog: any } = await client.ok(customer.admin, ops.AuditLogDocument, {
        first: 1,
        after,
        filter: { actions: CONNECTIONS_ACTIONS },
      });
      expect(auditLog.totalCount).toBe(3);
      pages.push(...auditLog.edges.map((e: { node: Entry }) => e.node.action));
      if (!auditLog.pageInfo.hasNextPage) break;
      after = auditLog.pageInfo.endCursor;
    }
    expect(pages).toEqual(["connection.terminate", "consent.set", "connection.accept"]);
  });

  it("exports a time range as CSV, the entries auditLog shows the caller, oldest first", async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const { partner, customer, connectionId } = await history();
    const CSV = `query($filter: AuditFilter!) { auditLogCsv(filter: $filter) }`;
    const range = { since, until: new Date(Date.now() + 1000).toISOString() };
    const { auditLogCsv } = await client.ok(customer.admin, CSV, {
      filter: { ...range, actions: CONNECTIONS_ACTIONS },
    });
    const lines = (auditLogCsv as string).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "at,action,summary,actor_id,acting_organization_id,via_administrator_grant,target_organization_id,subject_type,subject_id,request_id,grant_id",
    );
    expect(lines.slice(1).map((line) => line.split(",")[1])).toEqual([
      "connection.accept",
      "consent.set",
      "connection.terminate",
    ]);
    expect(lines[3]).toContain(`,${partner.id},false,${customer.id},Connection,${connectionId},`);
    // The partner's export holds only what its people did; a range is required, and a bad one named.
    const partners = await client.ok(partner.admin, CSV, { filter: { ...range, actions: CONNECTIONS_ACTIONS } });
    expect((partners.auditLogCsv as string).trimEnd().split("\r\n")).toHaveLength(2);
    expect(await client.error(customer.admin, CSV, { filter: { since } })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "filter.until",
    });
    expect(await client.error(customer.admin, CSV, { filter: { since: range.until, until: since } })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "filter.until",
    });
  });

  it("refuses a bad filter naming its field", async () => {
    const customer = await seed.customer();
    const unknown = await client.error(customer.admin, ops.AuditLogDocument, { filter: { actions: ["nope"] } });
    expect(unknown).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.actions" });
    const now = new Date().toISOString();
    const backwards = await client.error(customer.admin, ops.AuditLogDocument, { filter: { since: now, until: now } });
    expect(backwards).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.until" });
    const cursor = await client.error(customer.admin, ops.AuditLogDocument, { after: "garbage" });
    expect(cursor).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  it("answers nobody signed out, and nothing through _entities straight to the subgraph", async () => {
    expect((await client.error({}, ops.AuditLogDocument, {})).code).toBe("UNAUTHENTICATED");
    const { customer } = await history();
    const caller = await callerOf(customer.admin);
    const entities = await sendSigned(
      stack.subgraphs.audit.url,
      `{ _entities(representations: [{ __typename: "Organization", id: "${customer.id}" }]) { __typename ... on Organization { id } } }`,
      caller,
    );
    // The audit subgraph adds nothing to organizations: a representation comes back as sent, revealing nothing.
    expect(entities.data?._entities.map(revealed)).toEqual([{}]);
  });
});

describe("identity's changes", () => {
  it("records sign-up, badges, administrator grants and reminder settings, each seen by whom it concerns", async () => {
    const partner = await seed.partner();
    const customer = await seed.customer();
    const grantId = await seed.administrator(customer, partner.admin);
    await client.ok(customer.admin, `mutation($id: ID!) { revokeAdministratorGrant(id: $id) { id } }`, { id: grantId });
    await client.ok(customer.admin, ops.SetReminderSettingsDocument, {
      input: { entitlementDays: [30], trialDays: [7], grantDays: [], consentDays: [3] },
    });
    await drain();
    expect((await entries(customer.admin)).map((e) => e.action)).toEqual([
      AUDIT_ACTIONS.setReminderSettings,
      AUDIT_ACTIONS.revokeAdministratorGrant,
      AUDIT_ACTIONS.acceptAdministratorInvitation,
      AUDIT_ACTIONS.inviteAdministrator,
      AUDIT_ACTIONS.registerOrganization,
    ]);
    // The partner: its sign-up, the badge the vendor granted it, and its person's acceptance of the customer's grant.
    expect((await entries(partner.admin)).map((e) => e.action)).toEqual([
      AUDIT_ACTIONS.acceptAdministratorInvitation,
      AUDIT_ACTIONS.grantProgramMembership,
      AUDIT_ACTIONS.registerOrganization,
    ]);
  });
});

describe("entitlements' changes", () => {
  it("records trials asked for, decided and added, and resell registrations, each seen by whom it concerns", async () => {
    const { partner, customer } = await seed.connectedPair();
    await seed.administrator(customer, partner.admin);
    const vendor = await seed.vendorAdmin();
    const { requestTrial } = await client.ok(customer.admin, ops.RequestTrialDocument, { serviceCode: "SDWAN" });
    await client.ok(vendor, `mutation($id: ID!) { approveTrial(id: $id) { id } }`, { id: requestTrial.id });
    await client.ok(partner.admin, `mutation { registerToResell(serviceCode: "SDWAN") { id } }`);
    const { addService } = await client.ok(partner.admin, ops.AddServiceDocument, {
      customerId: customer.id,
      serviceCode: "VAD",
    });
    await drain();
    const trialActions = [
      AUDIT_ACTIONS.requestTrial,
      AUDIT_ACTIONS.approveTrial,
      AUDIT_ACTIONS.addService,
      AUDIT_ACTIONS.registerToResell,
    ];
    const subjects = (list: Entry[]) => list.map((e) => `${e.action} ${e.subjectId}`);
    expect(subjects(await entries(customer.admin, { actions: trialActions }))).toEqual([
      `service.add ${addService.id}`,
      `trial.approve ${requestTrial.id}`,
      `trial.request ${requestTrial.id}`,
    ]);
    const partners = subjects(await entries(partner.admin, { actions: trialActions }));
    expect(partners).toHaveLength(2);
    expect(partners[0]).toBe(`service.add ${addService.id}`);
    expect(partners[1]).toMatch(/^resell\.register RSL-/);
  });
});

describe("AuditRecorded: written with the change, kept once", () => {
  it.each(publishersOf("AuditRecorded"))(
    "%s: leaves no entry for a change that rolled back, and one for a change that committed",
    async (publisher) => {
      const customer = await seed.customer();
      const dataSource = stack.subgraphs[publisher].dataSource;
      const caller = await callerOf(customer.admin);
      const change = (subjectId: string) => ({
        action: AUDIT_ACTIONS.setPartnerConsent,
        subjectType: "Connection",
        subjectId,
        targetOrganizationId: customer.id,
        summary: "Shared nothing",
      });
      const [rolledBack, committed] = [`CON-RB${randomUUID().slice(0, 8)}`, `CON-OK${randomUUID().slice(0, 8)}`];
      await expect(
        dataSource.transaction(async (manager) => {
          await recordAudit(manager, caller, change(rolledBack));
          throw new Error("the change fails after its audit entry was written");
        }),
      ).rejects.toThrow("the change fails");
      await dataSource.transaction((manager) => recordAudit(manager, caller, change(committed)));
      await drain();
      const outbox = await dataSource.getRepository(OutboxEvent).find({ where: { type: "AuditRecorded" } });
      const recorded = outbox.map((event) => event.payload.subjectId);
      expect(recorded).toContain(committed);
      expect(recorded).not.toContain(rolledBack);
      expect(await seen(customer.admin, [rolledBack, committed])).toEqual([`consent.set ${committed}`]);
    },
  );

  it("keeps entries 400 days: the retention job removes older ones in batches, and nothing younger", async () => {
    const customer = await seed.customer();
    const caller = await callerOf(customer.admin);
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600 * 1000).toISOString();
    const ages = { "CON-OLD1": 401, "CON-OLD2": 500, "CON-OLD3": 403, "CON-KEPT": 399 };
    for (const [subjectId, days] of Object.entries(ages))
      await callInternal(
        stack.subgraphs.audit.url,
        EVENTS_ROUTE,
        auditEvent(customer.id, caller.userId, subjectId, daysAgo(days)),
      );
    const kept = Object.keys(ages);
    expect(await seen(customer.admin, kept)).toHaveLength(4);
    // Two at a time: three old entries take two batches; a pass bounded to one batch leaves the last for the next.
    const dataSource = stack.subgraphs.audit.dataSource;
    expect(
      await pruneOlderThanRetention(dataSource, AUDIT_RETENTION, { batchSize: 2, maxBatches: 1 }),
    ).toBeGreaterThanOrEqual(2);
    await pruneOlderThanRetention(dataSource, AUDIT_RETENTION, { batchSize: 2 });
    expect(await seen(customer.admin, kept)).toEqual(["consent.set CON-KEPT"]);
  });

  it("keeps an event delivered twice as one entry", async () => {
    const customer = await seed.customer();
    const caller = await callerOf(customer.admin);
    const event = {
      id: randomUUID(),
      type: "AuditRecorded",
      occurredAt: new Date().toISOString(),
      requestId: "twice",
      payload: {
        action: AUDIT_ACTIONS.setPartnerConsent,
        subjectType: "Connection",
        subjectId: "CON-TWICE",
        targetOrganizationId: customer.id,
        summary: "Sent twice",
        actorId: caller.userId,
        actorOrganizationId: customer.id,
        actingOrganizationId: customer.id,
        viaAdministratorGrant: false,
        at: new Date().toISOString(),
      },
    };
    const url = stack.subgraphs.audit.url;
    expect(await callInternal(url, EVENTS_ROUTE, event)).toEqual({ applied: true });
    expect(await callInternal(url, EVENTS_ROUTE, event)).toEqual({ applied: false });
    expect(await seen(customer.admin, ["CON-TWICE"])).toEqual(["consent.set CON-TWICE"]);
  });
});

/** An AuditRecorded event as the relay delivers it. */
function auditEvent(customerId: string, userId: string, subjectId: string, at = new Date().toISOString()) {
  return {
    id: randomUUID(),
    type: "AuditRecorded",
    occurredAt: at,
    requestId: "direct",
    payload: {
      action: AUDIT_ACTIONS.setPartnerConsent,
      subjectType: "Connection",
      subjectId,
      targetOrganizationId: customerId,
      summary: "Delivered straight to the audit subgraph",
      actorId: userId,
      actorOrganizationId: customerId,
      actingOrganizationId: customerId,
      viaAdministratorGrant: false,
      at,
    },
  };
}
