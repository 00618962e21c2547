import { AUDIT_ACTIONS } from "@partnergraph/contracts";
import { newId } from "@partnergraph/kit";
import * as ops from "@partnergraph/operations";
import type { Stack } from "@partnergraph/scripts";
import {
  Actor,
  AuditTrail,
  Client,
  Operation,
  Org,
  organizationEntities,
  organizationReps,
  post,
  Seed,
  signedAs,
  statementsPerSubgraph,
  useStack,
} from "./testkit";

// Issue 13's gap: a partner asks the vendor for the right to resell a service; the vendor approves or declines.

let stack: Stack;
let seed: Seed;
let client: Client;
useStack((started) => ({ stack, seed, client } = started));

const SERVICES = `query($id: ID!) { organization(id: $id) { services { source service { code } } } }`;
const NOTIFICATIONS = `query { myNotifications(first: 20) { edges { node { category title body relatedOrganization { id } } } } }`;
const ROWS = `SELECT status, open_key AS openKey, decision_reason AS reason, revocation_reason AS revocationReason FROM resell_registration WHERE organization_id = ? ORDER BY registered_at, id`;

const ME = `query { me { id } }`;
const RESELL_ACTIONS = [
  AUDIT_ACTIONS.registerToResell,
  AUDIT_ACTIONS.approveResellRegistration,
  AUDIT_ACTIONS.declineResellRegistration,
  AUDIT_ACTIONS.withdrawResellRegistration,
  AUDIT_ACTIONS.revokeResellRegistration,
];
const drain = () => new AuditTrail(stack, client).drain();
const ask = async (partner: Org, serviceCode: string) =>
  (await client.ok(partner.admin, ops.RegisterToResellDocument, { serviceCode })).registerToResell;
const rowsOf = (partner: Org) => stack.subgraphs.entitlements.dataSource.query(ROWS, [partner.id]);
const mine = async (actor: Actor, partner: Org) =>
  (await client.ok(actor, ops.MyResellRegistrationsDocument, { partnerId: partner.id })).organization
    .resellRegistrations!;
/** Approve and decline take the same variables; each test holds both to the same rule. */
const DECISIONS = [ops.ApproveResellRegistrationDocument, ops.DeclineResellRegistrationDocument] as Operation<
  unknown,
  ops.ApproveResellRegistrationMutationVariables
>[];

/** Every pending request the vendor sees, page by page (`first` at a time). */
async function allPending(first: number) {
  const vendor = await seed.vendorAdmin();
  const nodes: ops.PendingResellRegistrationsQuery["pendingResellRegistrations"]["edges"][number]["node"][] = [];
  let after: string | null = null;
  for (;;) {
    const { pendingResellRegistrations: page }: ops.PendingResellRegistrationsQuery = await client.ok(
      vendor,
      ops.PendingResellRegistrationsDocument,
      { first, after },
    );
    nodes.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) {
      expect(page.totalCount).toBe(nodes.length);
      return nodes;
    }
    after = page.pageInfo.endCursor;
  }
}

/** The resell entries the partner's audit trail shows, newest first. */
async function auditActionsAbout(partner: Org) {
  const trail = new AuditTrail(stack, client);
  await trail.drain();
  return (await trail.entries(partner.admin, { actions: RESELL_ACTIONS })).map((e) => `${e.action} ${e.subjectId}`);
}

describe("a partner asks to resell; the vendor decides", () => {
  it("is PENDING in the vendor's paged queue, oldest first; approved, the partner is told and may resell", async () => {
    const partner = await seed.partner();
    const requested = await ask(partner, "SDWAN");
    expect(requested).toMatchObject({ status: "PENDING", service: { code: "SDWAN" } });
    // Pending provisions nothing.
    expect((await client.ok(partner.admin, SERVICES, { id: partner.id })).organization.services).toEqual([]);

    // The vendor's administrators are told a request waits (names are identity's: the partner by reference).
    await drain();
    const vendorNotices = (await client.ok(await seed.vendorAdmin(), NOTIFICATIONS)).myNotifications.edges;
    expect(vendorNotices.map((e: any) => e.node).filter((n: any) => n.relatedOrganization?.id === partner.id)).toEqual([
      {
        category: "RESELL",
        title: "A partner asks to resell a service",
        body: expect.stringContaining("asks to resell SDWAN"),
        relatedOrganization: { id: partner.id },
      },
    ]);

    const later = await seed.partner();
    const second = await ask(later, "VAD");
    const queue = await allPending(1);
    const ids = queue.map((r) => r.id);
    expect(ids.indexOf(requested.id)).toBeLessThan(ids.indexOf(second.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(queue.map((r) => r.requestedAt)).toEqual(queue.map((r) => r.requestedAt).sort());
    expect(queue.find((r) => r.id === requested.id)).toEqual({
      id: requested.id,
      requestedAt: requested.requestedAt,
      service: { code: "SDWAN", name: "SD-WAN Orchestrator" },
      partner: { id: partner.id, name: partner.name, badges: [{ program: "SOLUTION_ADVISOR", tier: "GOLD" }] },
    });
    expect((await allPending(100)).map((r) => r.id)).toEqual(ids);

    const { approveResellRegistration } = await client.ok(
      await seed.vendorAdmin(),
      ops.ApproveResellRegistrationDocument,
      { id: requested.id, reason: "  Welcome to SD-WAN  " },
    );
    expect(approveResellRegistration).toEqual({
      id: requested.id,
      status: "APPROVED",
      decidedAt: expect.any(String),
      reason: "Welcome to SD-WAN",
    });
    expect((await allPending(100)).map((r) => r.id)).not.toContain(requested.id);
    expect((await client.ok(partner.admin, SERVICES, { id: partner.id })).organization.services).toEqual([
      { source: "RESELL", service: { code: "SDWAN" } },
    ]);
    expect(await mine(partner.admin, partner)).toEqual([
      {
        id: requested.id,
        status: "APPROVED",
        requestedAt: requested.requestedAt,
        decidedAt: approveResellRegistration.decidedAt,
        reason: "Welcome to SD-WAN",
        revokedAt: null,
        revocationReason: null,
        service: { code: "SDWAN", name: "SD-WAN Orchestrator" },
        // The vendor's people are named to the vendor only.
        decidedBy: null,
      },
    ]);

    await drain();
    const { myNotifications } = await client.ok(partner.admin, NOTIFICATIONS);
    expect(myNotifications.edges.map((e: any) => e.node)).toEqual([
      {
        category: "RESELL",
        title: "You may resell a service",
        body: expect.stringContaining("approved your request to resell SDWAN"),
        relatedOrganization: { id: expect.any(String) },
      },
    ]);
    expect(myNotifications.edges[0].node.body).toContain("Welcome to SD-WAN");
    expect(await auditActionsAbout(partner)).toEqual([
      `resell.approve ${requested.id}`,
      `resell.register ${requested.id}`,
    ]);
  });

  it("declined, the partner is told why and may ask again; a second open request, or one for an approved service, is refused naming serviceCode", async () => {
    const partner = await seed.partner();
    const vendor = await seed.vendorAdmin();
    const first = await ask(partner, "VAD");
    expect(await client.error(partner.admin, ops.RegisterToResellDocument, { serviceCode: "vad" })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "serviceCode",
    });
    expect(await rowsOf(partner)).toHaveLength(1);

    const { declineResellRegistration } = await client.ok(vendor, ops.DeclineResellRegistrationDocument, {
      id: first.id,
      reason: "Certify two people first",
    });
    expect(declineResellRegistration).toMatchObject({ status: "DECLINED", reason: "Certify two people first" });
    // Decided once: deciding again is a conflict and changes nothing.
    for (const decide of DECISIONS)
      expect((await client.error(vendor, decide, { id: first.id })).code).toBe("CONFLICT");
    await drain();
    const [notice] = (await client.ok(partner.admin, NOTIFICATIONS)).myNotifications.edges.map((e: any) => e.node);
    expect(notice).toMatchObject({ category: "RESELL", title: "A request to resell was declined" });
    expect(notice.body).toContain("Certify two people first");

    const again = await ask(partner, "VAD");
    expect(again.id).not.toBe(first.id);
    expect((await mine(partner.admin, partner)).map((r) => `${r.id} ${r.status}`)).toEqual([
      `${again.id} PENDING`,
      `${first.id} DECLINED`,
    ]);
    await client.ok(vendor, ops.ApproveResellRegistrationDocument, { id: again.id });
    expect(await client.error(partner.admin, ops.RegisterToResellDocument, { serviceCode: "VAD" })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "serviceCode",
      message: "You may already resell VAD",
    });
    expect(await rowsOf(partner)).toEqual([
      { status: "DECLINED", openKey: null, reason: "Certify two people first", revocationReason: null },
      { status: "APPROVED", openKey: `${partner.id}:VAD`, reason: null, revocationReason: null },
    ]);
    expect(await auditActionsAbout(partner)).toEqual([
      `resell.approve ${again.id}`,
      `resell.register ${again.id}`,
      `resell.decline ${first.id}`,
      `resell.register ${first.id}`,
    ]);
  });

  it("admits one of several requests sent at once", async () => {
    const partner = await seed.partner();
    const answers = await Promise.all(
      [1, 2, 3].map(() => client.send(partner.admin, ops.RegisterToResellDocument, { serviceCode: "ENDPOINT" })),
    );
    expect(answers.filter((a) => a.data?.registerToResell).length).toBe(1);
    expect(answers.flatMap((a) => a.errors ?? []).map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
      ["BAD_USER_INPUT", "serviceCode"],
      ["BAD_USER_INPUT", "serviceCode"],
    ]);
    expect(await rowsOf(partner)).toHaveLength(1);
  });
});

describe("the vendor's queue at scale", () => {
  it("runs the same statements in entitlements and identity for a page of 1 as for a page of 6", async () => {
    for (const code of ["SDWAN", "VAD", "SPA", "ANALYTICS", "ENDPOINT", "WORKSPACE"])
      await ask(await seed.partner(), code);
    const vendor = await seed.vendorAdmin();
    await drain(); // the requests' events are applied now, not while a page is measured
    // The fewest over two requests: the vendor's cached caller may expire between any two, and resolving it is not
    // the page's SQL. A per-row query shows in both.
    const once = (first: number) =>
      statementsPerSubgraph(stack, () => client.ok(vendor, ops.PendingResellRegistrationsDocument, { first }));
    const measure = async (first: number) => {
      const [a, b] = [await once(first), await once(first)];
      return Object.fromEntries(Object.entries(a).map(([name, n]) => [name, Math.min(n, b[name as keyof typeof b])]));
    };
    const one = await measure(1);
    const six = await measure(6);
    // The two subgraphs the page asks (others may apply an unrelated test's event meanwhile). Entitlements: the page,
    // its total, the page's services; identity: the page's partners, with their badges.
    expect({ entitlements: six.entitlements, identity: six.identity }).toEqual({ entitlements: 3, identity: 2 });
    expect({ entitlements: one.entitlements, identity: one.identity }).toEqual({ entitlements: 3, identity: 2 });
  });
});

describe("who may ask, see and decide", () => {
  it("lets only the vendor decide (FORBIDDEN for the partner itself, another partner, a customer), changing nothing", async () => {
    const partner = await seed.partner();
    const other = await seed.partner();
    const customer = await seed.customer();
    const requested = await ask(partner, "SPA");
    for (const actor of [partner.admin, other.admin, customer.admin]) {
      for (const decide of DECISIONS) {
        expect((await client.error(actor, decide, { id: requested.id })).code).toBe("FORBIDDEN");
        // An unknown id tells a stranger nothing either.
        expect((await client.error(actor, decide, { id: newId("RSL") })).code).toBe("FORBIDDEN");
      }
      expect((await client.error(actor, ops.PendingResellRegistrationsDocument, {})).code).toBe("FORBIDDEN");
    }
    expect(await rowsOf(partner)).toEqual([
      { status: "PENDING", openKey: `${partner.id}:SPA`, reason: null, revocationReason: null },
    ]);
    expect(await auditActionsAbout(partner)).toEqual([`resell.register ${requested.id}`]);
  });

  it("shows a partner's requests to itself and the vendor only, through the gateway and through _entities", async () => {
    const partner = await seed.partner();
    const other = await seed.partner();
    const requested = await ask(partner, "WORKSPACE");
    expect((await mine(await seed.vendorAdmin(), partner)).map((r) => r.id)).toEqual([requested.id]);
    const refused = await client.send(other.admin, ops.MyResellRegistrationsDocument, { partnerId: partner.id });
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    expect(refused.data?.organization?.resellRegistrations ?? null).toBeNull();
    expect(JSON.stringify(refused)).not.toContain(requested.id);

    const url = stack.subgraphs.entitlements.url;
    const query = organizationEntities("resellRegistrations { id status service { code } }");
    const asOther = await post(
      url,
      query,
      organizationReps([partner.id]),
      {},
      signedAs({ organizationId: other.id, isPartner: true }),
    );
    expect(asOther.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(asOther.data?._entities?.[0]?.resellRegistrations ?? null).toBeNull();
    expect(JSON.stringify(asOther)).not.toContain(requested.id);
    const asItself = await post(
      url,
      query,
      organizationReps([partner.id]),
      {},
      signedAs({ organizationId: partner.id, isPartner: true }),
    );
    expect(asItself.data._entities[0].resellRegistrations).toEqual([
      { id: requested.id, status: "PENDING", service: { code: "WORKSPACE" } },
    ]);
  });

  it("lets only a badged partner acting as itself ask, for a resellable service", async () => {
    const partner = await seed.partner();
    const customer = await seed.customer();
    expect((await client.error(customer.admin, ops.RegisterToResellDocument, { serviceCode: "SDWAN" })).code).toBe(
      "FORBIDDEN",
    );
    expect((await client.error(partner.admin, ops.RegisterToResellDocument, { serviceCode: "CONTENT" })).code).toBe(
      "FORBIDDEN",
    );
    expect(await client.error(partner.admin, ops.RegisterToResellDocument, { serviceCode: "NOPE" })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "serviceCode",
    });
    expect(await rowsOf(partner)).toEqual([]);
    expect(await rowsOf(customer)).toEqual([]);
  });

  it("refuses a bad decision naming the field, changing nothing", async () => {
    const partner = await seed.partner();
    const vendor = await seed.vendorAdmin();
    const requested = await ask(partner, "ANALYTICS");
    for (const decide of DECISIONS) {
      expect(await client.error(vendor, decide, { id: requested.id, reason: "x".repeat(501) })).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "reason",
      });
      expect((await client.error(vendor, decide, { id: newId("RSL") })).code).toBe("NOT_FOUND");
    }
    expect(await rowsOf(partner)).toEqual([
      { status: "PENDING", openKey: `${partner.id}:ANALYTICS`, reason: null, revocationReason: null },
    ]);
    expect(await auditActionsAbout(partner)).toEqual([`resell.register ${requested.id}`]);
    await drain();
    expect((await client.ok(partner.admin, NOTIFICATIONS)).myNotifications.edges).toEqual([]);
    expect(await client.error(vendor, ops.PendingResellRegistrationsDocument, { first: 101 })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "first",
    });
  });
});

type HistoryNode = ops.ResellRegistrationHistoryQuery["resellRegistrations"]["edges"][number]["node"];
/** Every request the vendor's history shows in a status (or all), page by page (`first` at a time). */
async function history(status: ops.ResellStatus | null, first: number): Promise<HistoryNode[]> {
  const vendor = await seed.vendorAdmin();
  const nodes: HistoryNode[] = [];
  let after: string | null = null;
  for (;;) {
    const { resellRegistrations: page }: ops.ResellRegistrationHistoryQuery = await client.ok(
      vendor,
      ops.ResellRegistrationHistoryDocument,
      { status, first, after },
    );
    nodes.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) {
      expect(page.totalCount).toBe(nodes.length);
      return nodes;
    }
    after = page.pageInfo.endCursor;
  }
}
const withdraw = (actor: Actor, id: string) => client.error(actor, ops.WithdrawResellRegistrationDocument, { id });
const revoke = (actor: Actor, id: string, reason: string) =>
  client.error(actor, ops.RevokeResellRegistrationDocument, { id, reason });
const userIdOf = async (actor: Actor): Promise<string> => (await client.ok(actor, ME)).me.id;

describe("the partner withdraws; the vendor revokes", () => {
  it("lets the partner withdraw its PENDING request (no one else): the vendor is told, the queue drops it, it may ask again", async () => {
    const [partner, other, customer] = [await seed.partner(), await seed.partner(), await seed.customer()];
    const vendor = await seed.vendorAdmin();
    const requested = await ask(partner, "SDWAN");
    for (const actor of [other.admin, customer.admin, vendor])
      expect((await withdraw(actor, requested.id)).code).toBe("FORBIDDEN");
    expect((await withdraw({}, requested.id)).code).toBe("UNAUTHENTICATED");
    // An unknown id tells the partner nothing about others' requests.
    expect((await withdraw(partner.admin, newId("RSL"))).code).toBe("FORBIDDEN");
    expect(await rowsOf(partner)).toEqual([
      { status: "PENDING", openKey: `${partner.id}:SDWAN`, reason: null, revocationReason: null },
    ]);

    const { withdrawResellRegistration } = await client.ok(partner.admin, ops.WithdrawResellRegistrationDocument, {
      id: requested.id,
    });
    expect(withdrawResellRegistration).toEqual({
      id: requested.id,
      status: "WITHDRAWN",
      decidedAt: expect.any(String),
    });
    // Closed: neither withdrawn again nor decided.
    expect((await withdraw(partner.admin, requested.id)).code).toBe("CONFLICT");
    for (const decide of DECISIONS)
      expect((await client.error(vendor, decide, { id: requested.id })).code).toBe("CONFLICT");
    expect((await allPending(100)).map((r) => r.id)).not.toContain(requested.id);
    // Withdrawn by the partner's own person, whom the partner sees.
    expect(await mine(partner.admin, partner)).toMatchObject([
      {
        id: requested.id,
        status: "WITHDRAWN",
        decidedAt: withdrawResellRegistration.decidedAt,
        decidedBy: { id: await userIdOf(partner.admin) },
      },
    ]);

    await drain();
    const vendorNotices = (await client.ok(vendor, NOTIFICATIONS)).myNotifications.edges.map((e: any) => e.node);
    expect(vendorNotices.filter((n: any) => n.relatedOrganization?.id === partner.id).map((n: any) => n.title)).toEqual(
      ["A partner withdrew a request to resell", "A partner asks to resell a service"],
    );

    const again = await ask(partner, "SDWAN");
    expect((await mine(partner.admin, partner)).map((r) => `${r.id} ${r.status}`)).toEqual([
      `${again.id} PENDING`,
      `${requested.id} WITHDRAWN`,
    ]);
    expect(await auditActionsAbout(partner)).toEqual([
      `resell.register ${again.id}`,
      `resell.withdraw ${requested.id}`,
      `resell.register ${requested.id}`,
    ]);
  });

  it("lets the vendor revoke an APPROVED right, saying why: the partner is told, no longer resells it, and may ask again", async () => {
    const [partner, other, customer] = [await seed.partner(), await seed.partner(), await seed.customer()];
    const vendor = await seed.vendorAdmin();
    const approved = await ask(partner, "VAD");
    await client.ok(vendor, ops.ApproveResellRegistrationDocument, { id: approved.id });
    const pending = await ask(partner, "SPA");
    const before = await rowsOf(partner);
    expect((await client.ok(partner.admin, SERVICES, { id: partner.id })).organization.services).toEqual([
      { source: "RESELL", service: { code: "VAD" } },
    ]);

    for (const reason of ["", "   ", "x".repeat(501)])
      expect(await revoke(vendor, approved.id, reason)).toMatchObject({ code: "BAD_USER_INPUT", field: "reason" });
    for (const actor of [partner.admin, other.admin, customer.admin])
      expect((await revoke(actor, approved.id, "No")).code).toBe("FORBIDDEN");
    expect((await revoke({}, approved.id, "No")).code).toBe("UNAUTHENTICATED");
    expect((await revoke(vendor, pending.id, "Not approved yet")).code).toBe("CONFLICT");
    expect((await revoke(vendor, newId("RSL"), "No such request")).code).toBe("NOT_FOUND");
    expect(await rowsOf(partner)).toEqual(before);
    await drain();
    expect((await client.ok(partner.admin, NOTIFICATIONS)).myNotifications.edges).toHaveLength(1); // the approval

    const { revokeResellRegistration } = await client.ok(vendor, ops.RevokeResellRegistrationDocument, {
      id: approved.id,
      reason: "  Two orders unpaid  ",
    });
    expect(revokeResellRegistration).toEqual({
      id: approved.id,
      status: "REVOKED",
      revokedAt: expect.any(String),
      revocationReason: "Two orders unpaid",
    });
    expect((await revoke(vendor, approved.id, "Again")).code).toBe("CONFLICT");
    expect((await client.ok(partner.admin, SERVICES, { id: partner.id })).organization.services).toEqual([]);
    expect((await mine(partner.admin, partner)).find((r) => r.id === approved.id)).toMatchObject({
      status: "REVOKED",
      revokedAt: revokeResellRegistration.revokedAt,
      revocationReason: "Two orders unpaid",
      decidedBy: null,
    });
    // The vendor sees who approved and who revoked it.
    const vendorId = await userIdOf(vendor);
    expect((await history("REVOKED", 100)).find((r) => r.id === approved.id)).toMatchObject({
      decidedBy: { id: vendorId },
      revokedBy: { id: vendorId },
      revocationReason: "Two orders unpaid",
    });

    await drain();
    const [notice] = (await client.ok(partner.admin, NOTIFICATIONS)).myNotifications.edges.map((e: any) => e.node);
    expect(notice).toMatchObject({ category: "RESELL", title: "Your right to resell a service was revoked" });
    expect(notice.body).toContain("Two orders unpaid");

    const again = await ask(partner, "VAD");
    expect(again.status).toBe("PENDING");
    expect(await auditActionsAbout(partner)).toEqual([
      `resell.register ${again.id}`,
      `resell.revoke ${approved.id}`,
      `resell.register ${pending.id}`,
      `resell.approve ${approved.id}`,
      `resell.register ${approved.id}`,
    ]);
  });
});

describe("the vendor's history of requests", () => {
  it("lists every partner's requests newest first, in one status or all, a page at a time; to the vendor only", async () => {
    const [first, second] = [await seed.partner(), await seed.partner()];
    const vendor = await seed.vendorAdmin();
    const approved = await ask(first, "SDWAN");
    await client.ok(vendor, ops.ApproveResellRegistrationDocument, { id: approved.id });
    const declined = await ask(second, "VAD");
    await client.ok(vendor, ops.DeclineResellRegistrationDocument, { id: declined.id, reason: "Not yet" });
    const withdrawn = await ask(second, "SPA");
    await client.ok(second.admin, ops.WithdrawResellRegistrationDocument, { id: withdrawn.id });
    const pending = await ask(first, "ENDPOINT");
    const ours = new Set([approved.id, declined.id, withdrawn.id, pending.id]);

    const all = await history(null, 2);
    expect(all.filter((r) => ours.has(r.id)).map((r) => `${r.id} ${r.status}`)).toEqual([
      `${pending.id} PENDING`,
      `${withdrawn.id} WITHDRAWN`,
      `${declined.id} DECLINED`,
      `${approved.id} APPROVED`,
    ]);
    expect(all.map((r) => r.requestedAt)).toEqual(
      all
        .map((r) => r.requestedAt)
        .sort()
        .reverse(),
    );
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    expect((await history(null, 100)).map((r) => r.id)).toEqual(all.map((r) => r.id));
    expect(all.find((r) => r.id === declined.id)).toMatchObject({
      reason: "Not yet",
      partner: { id: second.id, name: second.name },
      service: { code: "VAD" },
    });

    const onlyDeclined = await history("DECLINED", 2);
    expect(onlyDeclined.every((r) => r.status === "DECLINED")).toBe(true);
    expect(onlyDeclined.map((r) => r.id)).toContain(declined.id);
    expect(onlyDeclined.map((r) => r.id)).not.toContain(approved.id);

    const customer = await seed.customer();
    for (const actor of [first.admin, second.admin, customer.admin])
      expect((await client.error(actor, ops.ResellRegistrationHistoryDocument, {})).code).toBe("FORBIDDEN");
    expect((await client.error({}, ops.ResellRegistrationHistoryDocument, {})).code).toBe("UNAUTHENTICATED");
    expect(await client.error(vendor, ops.ResellRegistrationHistoryDocument, { first: 101 })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "first",
    });
  });

  it("runs the same statements in entitlements and identity for a page of 1 as for a page of 6", async () => {
    const vendor = await seed.vendorAdmin();
    // Decided, each names who decided: people to resolve too.
    for (const code of ["SDWAN", "VAD", "SPA", "ANALYTICS", "ENDPOINT", "WORKSPACE"])
      await client.ok(vendor, ops.ApproveResellRegistrationDocument, {
        id: (await ask(await seed.partner(), code)).id,
      });
    await drain();
    const once = (first: number) =>
      statementsPerSubgraph(stack, () => client.ok(vendor, ops.ResellRegistrationHistoryDocument, { first }));
    const measure = async (first: number) => {
      const [a, b] = [await once(first), await once(first)];
      return { entitlements: Math.min(a.entitlements, b.entitlements), identity: Math.min(a.identity, b.identity) };
    };
    // Entitlements: the page, its total, the page's services; identity: the page's partners, the people named.
    const one = await measure(1);
    expect(await measure(6)).toEqual(one);
    expect(one.entitlements).toBe(3);
  });
});
