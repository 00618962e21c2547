import { randomBytes, randomInt } from "node:crypto";
import type { Org, Person, Seed } from "../testkit";

/**
 * The tenancy test's organizations, made through the API as people would make them: a victim customer and
 * partner with data of every kind, and the actors who must see none of it.
 */

const canary = () => randomBytes(5).toString("hex");
/** An amount of its own (no two fixtures share one), 8 characters at least even as a Float: 10000.11 to 99999.99. */
const amount = () => `${randomInt(10_000, 100_000)}.${randomInt(1, 10)}${randomInt(1, 10)}`;
const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

const Q = {
  me: `{ me { id } }`,
  resell: `mutation($code: String!) { registerToResell(serviceCode: $code) { id } }`,
  declineResell: `mutation($id: ID!, $reason: String) { declineResellRegistration(id: $id, reason: $reason) { id } }`,
  order: `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`,
  requestTrial: `mutation($code: String!) { requestTrial(serviceCode: $code) { id } }`,
  addService: `mutation($code: String!, $customer: ID!) { addService(serviceCode: $code, customerId: $customer) { id } }`,
  openTicket: `mutation($input: OpenTicketInput!) { openTicket(input: $input) { id } }`,
  nameContact: `mutation($input: NameContactInput!) { nameContact(input: $input) { id } }`,
  invite: `mutation($input: InviteAdministratorInput!) { inviteAdministrator(input: $input) { id } }`,
  revokeGrant: `mutation($id: ID!) { revokeAdministratorGrant(id: $id) { id } }`,
  terminate: `mutation($id: ID!) { terminateConnection(id: $id) { id } }`,
  opportunity: `mutation($input: RegisterOpportunityInput!) { registerOpportunity(input: $input) { id } }`,
  move: `mutation($id: ID!, $stage: OpportunityStage!) { moveOpportunity(id: $id, stage: $stage) { id } }`,
  goal: `mutation($input: CreateJointGoalInput!) { createJointGoal(input: $input) { id } }`,
  agree: `mutation($id: ID!) { agreeJointGoal(id: $id) { id } }`,
  agreement: `mutation($input: CreatePartnerSupportAgreementInput!) { createPartnerSupportAgreement(input: $input) { id } }`,
  certify: `mutation($input: RecordCertificationInput!) { recordCertification(input: $input) { id } }`,
  nameSupportContact: `mutation($input: NameSupportContactInput!) { nameSupportContact(input: $input) { pin } }`,
  pack: `mutation($input: PurchaseIncidentPackInput!) { purchaseIncidentPack(input: $input) { id } }`,
  supportCase: `mutation($input: OpenPartnerSupportCaseInput!) { openPartnerSupportCase(input: $input) { id } }`,
  memberships: `query($id: ID!) { organization(id: $id) { memberships { id } } }`,
  revokeMembership: `mutation($id: ID!) { revokeProgramMembership(id: $id) { id } }`,
};

export interface Member extends Person {
  userId: string;
}

/** A badged partner and a customer it serves, each with data of every kind the API holds. */
export interface Victims {
  partner: Org;
  customer: Org;
  /** The people of both (their admins first). */
  people: Member[];
  /** Connections the two have (with each other, with a past partner, and later with actors). */
  connections: string[];
  tickets: string[];
}

export async function userId(seed: Seed, person: Person): Promise<string> {
  return (await seed.client.ok(person, Q.me)).me.id as string;
}

async function member(seed: Seed, person: Person): Promise<Member> {
  return { ...person, userId: await userId(seed, person) };
}

/** Everything the API lets a customer and its partner build up; every free text carries a fresh canary. */
export async function seedVictims(seed: Seed): Promise<Victims> {
  const { client } = seed;
  const vendor = await seed.vendorAdmin();
  const partner = await seed.partner();
  const customer = await seed.customer();
  const people = [
    await member(seed, partner.admin),
    await member(seed, await seed.member(partner)),
    await member(seed, customer.admin),
    await member(seed, await seed.member(customer)),
  ];
  const [partnerAdmin, , , customerMember] = people;
  const connections = [await seed.connect(partner, customer)];
  // The partner administers the customer and resells to it; the vendor sells to it directly.
  await seed.administrator(customer, partner.admin);
  for (const code of ["SDWAN", "VAD"]) await seed.approvedToResell(partner, code);
  // A request to resell the vendor declined, with its reason (the partner's and the vendor's business only).
  const { registerToResell } = await client.ok(partner.admin, Q.resell, { code: "SPA" });
  await client.ok(vendor, Q.declineResell, { id: registerToResell.id, reason: `Canary reason ${canary()}` });
  const line = (serviceCode: string, quantity: number, unitPrice: string) => ({
    serviceCode,
    quantity,
    termMonths: 12,
    unitPrice,
  });
  await client.ok(partner.admin, Q.order, { input: { customerId: customer.id, lines: [line("SDWAN", 7, amount())] } });
  await client.ok(vendor, Q.order, { input: { customerId: customer.id, lines: [line("VAD", 3, amount())] } });
  // Trials of 30 days: no expiry notice is due while the test runs.
  await client.ok(customer.admin, Q.requestTrial, { code: "SPA" });
  await client.ok(partner.admin, Q.addService, { code: "WORKSPACE", customer: customer.id });

  const tickets: string[] = [];
  for (const severity of [1, 3]) {
    const input = {
      title: `Canary outage ${canary()}`,
      description: `Canary details ${canary()}`,
      severity,
      serviceCode: "SDWAN",
    };
    tickets.push((await client.ok(customer.admin, Q.openTicket, { input })).openTicket.id);
  }
  await client.ok(customer.admin, Q.nameContact, { input: { userId: customerMember.userId, role: "TECHNICAL" } });
  await client.ok(customer.admin, Q.nameContact, { input: { userId: partnerAdmin.userId, role: "RENEWAL" } });
  await client.ok(customer.admin, Q.invite, {
    input: { email: `pending-${canary()}@outsider.example`, access: "CUSTOM", serviceCodes: ["VAD"] },
  });
  // A past partner ended its connection: the customer holds that notice.
  const past = await seed.partner();
  await client.ok(past.admin, Q.terminate, { id: await seed.connect(past, customer) });

  // The partner's own figures: deals, goals, its support agreement with a named contact, a pack and a case.
  const close = days(60);
  const deal = await client.ok(partner.admin, Q.opportunity, {
    input: { customerId: customer.id, title: `Canary deal ${canary()}`, amount: amount(), expectedCloseAt: close },
  });
  await client.ok(partner.admin, Q.move, { id: deal.registerOpportunity.id, stage: "QUALIFIED" });
  const prospect = await client.ok(partner.admin, Q.opportunity, {
    input: {
      prospectName: `Prospect ${canary()}`,
      title: `Canary pitch ${canary()}`,
      amount: amount(),
      expectedCloseAt: close,
    },
  });
  await client.ok(partner.admin, Q.move, { id: prospect.registerOpportunity.id, stage: "WON" });
  const goals = [
    { metric: "BOOKINGS", target: Number(amount()), reward: { kind: "REBATE", amount: Number(amount()) } },
    {
      metric: "PIPELINE",
      target: Number(amount()),
      reward: { kind: "POINTS", amount: randomInt(10_000_000, 99_999_999) },
    },
  ];
  for (const [i, goal] of goals.entries()) {
    const { createJointGoal } = await client.ok(vendor, Q.goal, {
      input: { partnerId: partner.id, periodStart: days(-30), periodEnd: days(60), ...goal },
    });
    if (i === 0) await client.ok(partner.admin, Q.agree, { id: createJointGoal.id });
  }
  const { createPartnerSupportAgreement: agreement } = await client.ok(vendor, Q.agreement, {
    input: { partnerId: partner.id, tier: "GOLD" },
  });
  await client.ok(vendor, Q.certify, {
    input: {
      userId: partnerAdmin.userId,
      product: "SD-WAN Orchestrator",
      level: `Canary level ${canary()}`,
      achievedAt: days(-100),
      expiresAt: days(300),
    },
  });
  const { nameSupportContact } = await client.ok(vendor, Q.nameSupportContact, {
    input: { agreementId: agreement.id, userId: partnerAdmin.userId, certifiedProducts: ["SDWAN"] },
  });
  await client.ok(partner.admin, Q.pack, { input: { incidents: 3 } });
  await client.ok(partner.admin, Q.supportCase, {
    input: { pin: nameSupportContact.pin, serviceCode: "SDWAN", title: `Canary case ${canary()}` },
  });
  return { partner, customer, people, connections, tickets };
}

/** Someone who must see nothing of the victims, and what they know anyway from their own past with them. */
export interface Actor {
  name: string;
  /** Null for an anonymous caller. */
  person: Member | null;
  /** The organization the person acts as. */
  organizationId: string | null;
  /** Its own names and ids: no secret of the victims', whoever sees them (another actor it invited, say). */
  own: string[];
  /** What it knows on its own account besides: the connection it had or has with a victim. */
  knows: string[];
}

async function actor(seed: Seed, name: string, org: Org, knows: string[] = []): Promise<Actor> {
  const person = await member(seed, org.admin);
  return { name, person, organizationId: org.id, own: [org.id, org.name, person.userId, person.email], knows };
}

/**
 * An unrelated partner (also acting as a customer it administers), a former partner of the victim customer, a
 * partner whose badge was revoked while still connected to it, an organization that never held a badge, a
 * customer of the victim partner, and an anonymous caller.
 */
export async function seedActors(seed: Seed, victims: Victims): Promise<Actor[]> {
  const { client } = seed;
  const { customer, partner } = victims;
  const vendor = await seed.vendorAdmin();

  const unrelated = await seed.partner();
  const ownCustomer = await seed.customer();
  await seed.connect(unrelated, ownCustomer);
  await seed.administrator(ownCustomer, unrelated.admin);

  // Connected, and administering the victim customer once; the customer revoked the grant, the partner left.
  const former = await seed.partner();
  const formerConnection = await seed.connect(former, customer);
  await client.ok(customer.admin, Q.revokeGrant, { id: await seed.administrator(customer, former.admin) });
  await client.ok(former.admin, Q.terminate, { id: formerConnection });

  // Still ACTIVE-connected to the victim customer, but the vendor revoked its only badge.
  const unbadged = await seed.partner();
  const unbadgedConnection = await seed.connect(unbadged, customer);
  const { organization } = await client.ok(vendor, Q.memberships, { id: unbadged.id });
  for (const { id } of organization.memberships) await client.ok(vendor, Q.revokeMembership, { id });

  const neverBadged = await seed.organization();
  const otherCustomer = await seed.customer();
  const otherConnection = await seed.connect(partner, otherCustomer);
  victims.connections.push(formerConnection, unbadgedConnection, otherConnection);

  const unrelatedActor = await actor(seed, "unrelated partner", unrelated);
  return [
    unrelatedActor,
    {
      ...unrelatedActor,
      name: "unrelated partner acting as its own customer",
      organizationId: ownCustomer.id,
      own: [...unrelatedActor.own, ownCustomer.id, ownCustomer.name],
    },
    await actor(seed, "former partner", former, [formerConnection, customer.id]),
    await actor(seed, "partner whose badge was revoked", unbadged, [unbadgedConnection, customer.id]),
    await actor(seed, "organization that never held a badge", neverBadged),
    await actor(seed, "another customer (of the victim partner)", otherCustomer, [otherConnection]),
    { name: "anonymous caller", person: null, organizationId: null, own: [], knows: [] },
  ];
}
