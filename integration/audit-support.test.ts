import { AUDIT_ACTIONS } from "@partnergraph/contracts";
import * as ops from "@partnergraph/operations";
import { AuditTrail, Client, Org, Seed, useStack } from "./testkit";

let seed: Seed;
let client: Client;
let trail: AuditTrail;
useStack((started) => {
  ({ seed, client } = started);
  trail = new AuditTrail(started.stack, client);
});

const NAME_CONTACT = `mutation($input: NameContactInput!) { nameContact(input: $input) { id } }`;
const REMOVE_CONTACT = `mutation($id: ID!) { removeContact(id: $id) { id } }`;
const SET_STATUS = `mutation($id: ID!, $status: TicketStatus!) { setTicketStatus(id: $id, status: $status) { id } }`;

const openTicket = async (actor: Org["admin"], organizationId?: string) =>
  (
    await client.ok(actor, ops.OpenTicketDocument, {
      input: { title: "Tunnel drops", description: "Every night at 2am", severity: 2, organizationId },
    })
  ).openTicket.id;

/** The partner's own first notification ("A customer connected"). */
async function firstNotificationOf(partner: Org): Promise<string> {
  const { myNotifications } = await client.ok(partner.admin, ops.MyNotificationsDocument);
  return myNotifications.edges[0].node.id;
}

describe("support's changes in the audit trail", () => {
  it("records tickets, contacts and dismissals: the customer sees its account's, a partner its people's, the vendor all", async () => {
    const { partner, customer } = await seed.connectedPair();
    const [other, vendor] = [await seed.partner(), await seed.vendorAdmin()];
    const partnerPerson = await seed.userIdOf(partner.admin);
    const { nameContact } = await client.ok(customer.admin, NAME_CONTACT, {
      input: { userId: partnerPerson, role: "TECHNICAL" },
    });
    const own = await openTicket(customer.admin);
    const partners = await openTicket(partner.admin, customer.id);
    await client.ok(vendor, SET_STATUS, { id: own, status: "IN_PROGRESS" });
    await client.ok(customer.admin, SET_STATUS, { id: partners, status: "CLOSED" });
    const notification = await firstNotificationOf(partner);
    await client.ok(partner.admin, ops.DismissNotificationDocument, { id: notification });
    await client.ok(customer.admin, REMOVE_CONTACT, { id: nameContact.id });
    await trail.drain();

    const subjects = [nameContact.id, own, partners, notification];
    expect(await trail.seen(customer.admin, subjects)).toEqual([
      `contact.remove ${nameContact.id}`,
      `ticket.set-status ${partners}`,
      `ticket.set-status ${own}`,
      `ticket.open ${partners}`,
      `ticket.open ${own}`,
      `contact.name ${nameContact.id}`,
    ]);
    // The partner: what its person did in the customer's account, and its own dismissal (which the customer's
    // account never holds).
    expect(await trail.seen(partner.admin, subjects)).toEqual([
      `notification.dismiss ${notification}`,
      `ticket.open ${partners}`,
    ]);
    expect(await trail.seen(other.admin, subjects)).toEqual([]);
    expect((await trail.seen(vendor, subjects)).sort()).toEqual(
      [...(await trail.seen(customer.admin, subjects)), `notification.dismiss ${notification}`].sort(),
    );
    const [opened] = await trail.entries(partner.admin, { actions: [AUDIT_ACTIONS.openTicket] });
    expect(opened).toMatchObject({ actor: { email: partner.admin.email }, viaAdministratorGrant: false });
    expect(opened.summary).toMatch(/^Opened case CS-[0-9A-Z]{8} \(severity 2\): Tunnel drops$/);
  });

  it("records a partner's support year (agreement, contacts, cases, packs, review): the partner and the vendor see it", async () => {
    const vendor = await seed.vendorAdmin();
    const partner = await seed.organization();
    const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString();
    await client.ok(
      vendor,
      `mutation($input: GrantProgramMembershipInput!) { grantProgramMembership(input: $input) { id } }`,
      { input: { organizationId: partner.id, program: "SOLUTION_ADVISOR", tier: "GOLD", startsAt: yearAgo } },
    );
    const person = await seed.userIdOf(partner.admin);
    await client.ok(
      vendor,
      `mutation($input: RecordCertificationInput!) { recordCertification(input: $input) { id } }`,
      {
        input: {
          userId: person,
          product: "SD-WAN Orchestrator",
          level: "Professional",
          achievedAt: yearAgo,
          expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString(),
        },
      },
    );
    const { createPartnerSupportAgreement: agreement } = await client.ok(
      vendor,
      `mutation($input: CreatePartnerSupportAgreementInput!) { createPartnerSupportAgreement(input: $input) { id } }`,
      { input: { partnerId: partner.id, tier: "GOLD", incidents: 1 } },
    );
    const { nameSupportContact } = await client.ok(
      vendor,
      `mutation($input: NameSupportContactInput!) { nameSupportContact(input: $input) { id pin } }`,
      { input: { agreementId: agreement.id, userId: person, certifiedProducts: ["SDWAN"] } },
    );
    const { openPartnerSupportCase: supportCase } = await client.ok(
      partner.admin,
      `mutation($input: OpenPartnerSupportCaseInput!) { openPartnerSupportCase(input: $input) { id } }`,
      { input: { pin: nameSupportContact.pin, serviceCode: "SDWAN", title: "Tunnel drops" } },
    );
    await client.ok(vendor, `mutation($id: ID!) { markSupportCaseProductBug(id: $id) { id } }`, {
      id: supportCase.id,
    });
    await client.ok(partner.admin, `mutation { requestCaseReview { id } }`);
    await client.ok(
      partner.admin,
      `mutation($input: PurchaseIncidentPackInput!) { purchaseIncidentPack(input: $input) { id } }`,
      { input: { incidents: 5 } },
    );
    await client.ok(vendor, `mutation($a: ID!, $u: ID!) { removeSupportContact(agreementId: $a, userId: $u) { id } }`, {
      a: agreement.id,
      u: person,
    });
    await trail.drain();

    const actions = [
      AUDIT_ACTIONS.createPartnerSupportAgreement,
      AUDIT_ACTIONS.nameSupportContact,
      AUDIT_ACTIONS.removeSupportContact,
      AUDIT_ACTIONS.purchaseIncidentPack,
      AUDIT_ACTIONS.openPartnerSupportCase,
      AUDIT_ACTIONS.markSupportCaseProductBug,
      AUDIT_ACTIONS.requestCaseReview,
    ];
    const partners = await trail.entries(partner.admin, { actions });
    expect(partners.map((entry) => entry.action)).toEqual([
      AUDIT_ACTIONS.removeSupportContact,
      AUDIT_ACTIONS.purchaseIncidentPack,
      AUDIT_ACTIONS.requestCaseReview,
      AUDIT_ACTIONS.markSupportCaseProductBug,
      AUDIT_ACTIONS.openPartnerSupportCase,
      AUDIT_ACTIONS.nameSupportContact,
      AUDIT_ACTIONS.createPartnerSupportAgreement,
    ]);
    expect(partners[2].summary).toBe("Case review: 1 product-bug case credited back to the pool");
    const subjects = partners.map((entry) => entry.subjectId);
    expect(subjects).toEqual(
      expect.arrayContaining([agreement.id, nameSupportContact.id, supportCase.id, expect.stringMatching(/^PCK-/)]),
    );
    // The vendor sees them all, with who acted (a partner is not shown the vendor's people).
    const vendors = (await trail.entries(vendor, { actions })).filter((entry) => subjects.includes(entry.subjectId));
    expect(vendors.map((entry) => `${entry.action} ${entry.actor?.email}`)).toEqual([
      `support-contact.remove ${vendor.email}`,
      `incident-pack.purchase ${partner.admin.email}`,
      `partner-case.request-review ${partner.admin.email}`,
      `partner-case.mark-bug ${vendor.email}`,
      `partner-case.open ${partner.admin.email}`,
      `support-contact.name ${vendor.email}`,
      `support-agreement.create ${vendor.email}`,
    ]);
    expect(await trail.seen((await seed.partner()).admin, subjects)).toEqual([]);
  });

  it("leaves no entry for a change refused after its entry was written: a contact named twice, a dismissal twice", async () => {
    const { partner, customer } = await seed.connectedPair();
    const partnerPerson = await seed.userIdOf(partner.admin);
    const input = { userId: partnerPerson, role: "RENEWAL" };
    const { nameContact } = await client.ok(customer.admin, NAME_CONTACT, { input });
    expect((await client.error(customer.admin, NAME_CONTACT, { input })).code).toBe("CONFLICT");
    const notification = await firstNotificationOf(partner);
    await client.ok(partner.admin, ops.DismissNotificationDocument, { id: notification });
    await client.ok(partner.admin, ops.DismissNotificationDocument, { id: notification });
    await trail.drain();

    const named = await trail.entries(customer.admin, { actions: [AUDIT_ACTIONS.nameContact] });
    expect(named.map((entry) => `${entry.subjectId} ${entry.summary}`)).toEqual([
      `${nameContact.id} Named ${partnerPerson} RENEWAL contact`,
    ]);
    expect(await trail.seen(partner.admin, [notification])).toEqual([`notification.dismiss ${notification}`]);
  });
});
