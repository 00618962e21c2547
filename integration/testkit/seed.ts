import { config, DEMO, devSubject, newId } from "@partnergraph/kit";
import { devToken, Stack } from "@partnergraph/scripts";
import { randomBytes } from "node:crypto";
import { Actor, Client } from "./client";
import { PROCESS_VENDOR_ADMIN, ProcessStack } from "./processes";

export interface Person extends Actor {
  email: string;
  token: string;
}
export interface Org {
  id: string;
  name: string;
  admin: Person & { organizationId: string };
}

const unique = () => randomBytes(5).toString("hex");

/**
 * Fresh people and organizations for each test, made through the API wherever the API can,
 * so tests run in any order on a shared database without truncating anything.
 */
export class Seed {
  readonly client: Client;
  private vendor: Person | null = null;

  constructor(readonly stack: Stack | ProcessStack) {
    this.client = new Client(stack);
  }

  /** A signed-in person with no organization yet. */
  async person(label = "person"): Promise<Person> {
    const email = `${label}-${unique()}@test.example`;
    return { email, token: await devToken(email) };
  }

  /** Signs up: a new person registers a new organization and is its first administrator. */
  async organization(name = `Org ${unique()}`, country = "US"): Promise<Org> {
    const admin = await this.person("admin");
    const { registerOrganization } = await this.client.ok(
      admin,
      `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id name } }`,
      { input: { name, country, displayName: "Test Admin" } },
    );
    return { id: registerOrganization.id, name, admin: { ...admin, organizationId: registerOrganization.id } };
  }

  /**
   * A vendor administrator. The directory has no API to make one (by design: VENDOR_ADMIN_EMAILS
   * or the operators do), so the fixture writes the directory row directly.
   */
  async vendorAdmin(): Promise<Person> {
    if (this.vendor) return this.vendor;
    if (!isInProcess(this.stack)) {
      // Services in their own processes: the configured VENDOR_ADMIN_EMAILS person joins the vendor on first sign-in.
      this.vendor = { email: PROCESS_VENDOR_ADMIN, token: await devToken(PROCESS_VENDOR_ADMIN) };
      return this.vendor;
    }
    const email = `ops-${unique()}@vendor.test`;
    await this.stack.subgraphs.identity.dataSource.query(
      `INSERT INTO ${quote("user")} (id, subject, email, display_name, organization_id, role) VALUES (?, ?, ?, ?, ?, ?)`,
      [newId("USR"), devSubject(email), email, "Vendor Ops", config().vendorOrganizationId, "ADMIN"],
    );
    this.vendor = { email, token: await devToken(email) };
    return this.vendor;
  }

  /** A badged partner (SOLUTION_ADVISOR GOLD unless told otherwise). */
  async partner(program = "SOLUTION_ADVISOR", tier: string | null = "GOLD"): Promise<Org> {
    const org = await this.organization(`Partner ${unique()}`);
    await this.client.ok(
      await this.vendorAdmin(),
      `mutation($input: GrantProgramMembershipInput!) { grantProgramMembership(input: $input) { id } }`,
      { input: { organizationId: org.id, program, tier } },
    );
    return org;
  }

  customer(): Promise<Org> {
    return this.organization(`Customer ${unique()}`, "DE");
  }

  /** Another person in `org`'s directory (the API has no member invitation yet). */
  async member(org: Org, role: "ADMIN" | "MEMBER" = "MEMBER"): Promise<Person & { organizationId: string }> {
    const email = `member-${unique()}@test.example`;
    if (!isInProcess(this.stack)) throw new Error("member() writes identity's directory: it needs an in-process stack");
    await this.stack.subgraphs.identity.dataSource.query(
      `INSERT INTO ${quote("user")} (id, subject, email, display_name, organization_id, role) VALUES (?, ?, ?, ?, ?, ?)`,
      [newId("USR"), devSubject(email), email, "Member", org.id, role],
    );
    return { email, token: await devToken(email), organizationId: org.id };
  }

  /** The person's id in identity's directory. */
  async userIdOf(person: Actor): Promise<string> {
    return (await this.client.ok(person, `query { me { id } }`)).me.id;
  }

  /** An ACTIVE partner–customer connection, as users make it: the partner's link, accepted by the customer's admin. */
  async connect(partner: Org, customer: Org): Promise<string> {
    const { partnerInvitationLink } = await this.client.ok(partner.admin, `query { partnerInvitationLink { token } }`);
    const { acceptPartnerInvitation } = await this.client.ok(
      customer.admin,
      `mutation($token: String!) { acceptPartnerInvitation(token: $token) { id status } }`,
      { token: partnerInvitationLink.token },
    );
    return acceptPartnerInvitation.id;
  }

  /** The partner asks to resell a service and the vendor approves: it may resell it from now. Returns the request's id. */
  async approvedToResell(partner: Org, serviceCode: string): Promise<string> {
    const { registerToResell } = await this.client.ok(
      partner.admin,
      `mutation($code: String!) { registerToResell(serviceCode: $code) { id } }`,
      { code: serviceCode },
    );
    await this.client.ok(await this.vendorAdmin(), `mutation($id: ID!) { approveResellRegistration(id: $id) { id } }`, {
      id: registerToResell.id,
    });
    return registerToResell.id;
  }

  /** A fresh badged partner connected with one fresh customer (whose connection events are delivered). */
  async connectedPair(): Promise<{ partner: Org; customer: Org }> {
    const [partner, customer] = [await this.partner(), await this.customer()];
    await this.connect(partner, customer);
    if (isInProcess(this.stack))
      for (const subgraph of Object.values(this.stack.subgraphs)) await subgraph.relay?.drain();
    return { partner, customer };
  }

  /** The customer's administrator invites `who`, who accepts: they may then act as the customer. */
  async administrator(
    customer: Org,
    who: Person,
    access: "FULL" | "CUSTOM" = "FULL",
    serviceCodes?: string[],
  ): Promise<string> {
    const { inviteAdministrator } = await this.client.ok(
      customer.admin,
      `mutation($input: InviteAdministratorInput!) { inviteAdministrator(input: $input) { id } }`,
      { input: { email: who.email, access, serviceCodes } },
    );
    await this.client.ok(who, `mutation($id: ID!) { acceptAdministratorInvitation(id: $id) { id } }`, {
      id: inviteAdministrator.id,
    });
    return inviteAdministrator.id;
  }
}

function isInProcess(stack: Stack | ProcessStack): stack is Stack {
  return "dataSource" in stack.subgraphs.identity;
}

/** Now as a DATETIME(3) literal both databases take as UTC. */
export function sqlNow(date = new Date()): string {
  return date.toISOString().replace("T", " ").replace("Z", "");
}

/** Identifier quoting for the two databases the suite runs on. */
export function quote(identifier: string): string {
  return config().databaseUrl ? `\`${identifier}\`` : `"${identifier}"`;
}

export { DEMO };
