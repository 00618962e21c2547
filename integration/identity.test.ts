import { Client, Seed, useStack } from "./testkit";
import * as ops from "@partnergraph/operations";

let seed: Seed;
let client: Client;
useStack((started) => ({ seed, client } = started));

describe("sign-up and Me", () => {
  it("refuses Me without a token", async () => {
    expect((await client.error({}, ops.MeDocument)).code).toBe("UNAUTHENTICATED");
  });

  it("refuses a token signed with another secret", async () => {
    const forged =
      "eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6InhAeC5leGFtcGxlIiwic3ViIjoiZGV2fHhAeC5leGFtcGxlIn0.c2lnbmF0dXJlLW9mLXNvbWVib2R5LWVsc2U";
    expect((await client.error({ token: forged }, ops.MeDocument)).code).toBe("UNAUTHENTICATED");
  });

  it("knows a new person with no organization, then registers one", async () => {
    const person = await seed.person();
    const before = await client.ok(person, ops.MeDocument);
    expect(before.me).toMatchObject({ email: person.email, organization: null });

    const { registerOrganization } = await client.ok(person, ops.RegisterOrganizationDocument, {
      input: { name: "  Acme Widgets ", country: "DE", displayName: "Ada Acme" },
    });
    expect(registerOrganization).toMatchObject({ name: "Acme Widgets", country: "DE", isPartner: false });
    expect(registerOrganization.id).toMatch(/^ORG-[0-9A-Z]{10}$/);

    const after = await client.ok(person, ops.MeDocument);
    expect(after.me).toMatchObject({
      displayName: "Ada Acme",
      organization: { id: registerOrganization.id, isPartner: false, badges: [] },
    });
  });

  it.each([
    [{ name: "", country: "US", displayName: "A" }, "name"],
    [{ name: "   ", country: "US", displayName: "A" }, "name"],
    [{ name: "Acme", country: "XX", displayName: "A" }, "country"],
    [{ name: "Acme", country: "US", displayName: "" }, "displayName"],
  ])("rejects %j naming the field, and writes nothing", async (input, field) => {
    const person = await seed.person();
    const failure = await client.error(person, ops.RegisterOrganizationDocument, { input });
    expect(failure).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect((await client.ok(person, ops.MeDocument)).me.organization).toBeNull();
  });

  it("registers only once", async () => {
    const org = await seed.organization();
    const failure = await client.error(org.admin, ops.RegisterOrganizationDocument, {
      input: { name: "Second", country: "US", displayName: "A" },
    });
    expect(failure.code).toBe("CONFLICT");
  });
});

describe("partner programs", () => {
  it("lets only the vendor grant memberships, and shows the badge while it is active", async () => {
    const org = await seed.organization();
    const input = { organizationId: org.id, program: "SOLUTION_ADVISOR", tier: "GOLD" } as const;
    expect((await client.error(org.admin, ops.GrantProgramMembershipDocument, { input })).code).toBe("FORBIDDEN");

    const { grantProgramMembership } = await client.ok(await seed.vendorAdmin(), ops.GrantProgramMembershipDocument, {
      input,
    });
    expect(grantProgramMembership).toMatchObject({
      program: "SOLUTION_ADVISOR",
      tier: "GOLD",
      status: "ACTIVE",
      organization: { id: org.id, isPartner: true, badges: [{ program: "SOLUTION_ADVISOR", tier: "GOLD" }] },
    });
    const { me } = await client.ok(org.admin, ops.MeDocument);
    expect(me.organization?.isPartner).toBe(true);
  });

  it("holds several programs at once; a scheduled or ended membership shows no badge", async () => {
    const org = await seed.organization();
    const vendor = await seed.vendorAdmin();
    const day = 86_400_000;
    await client.ok(vendor, ops.GrantProgramMembershipDocument, {
      input: { organizationId: org.id, program: "SERVICE_PROVIDER" },
    });
    await client.ok(vendor, ops.GrantProgramMembershipDocument, {
      input: {
        organizationId: org.id,
        program: "SOLUTION_ADVISOR",
        tier: "SILVER",
        startsAt: new Date(Date.now() - 3 * day).toISOString(),
        endsAt: new Date(Date.now() - day).toISOString(),
      },
    });
    const scheduled = await client.ok(vendor, ops.GrantProgramMembershipDocument, {
      input: {
        organizationId: org.id,
        program: "SOLUTION_ADVISOR",
        tier: "GOLD",
        startsAt: new Date(Date.now() + day).toISOString(),
      },
    });
    expect(scheduled.grantProgramMembership.status).toBe("SCHEDULED");
    expect(scheduled.grantProgramMembership.organization.badges).toEqual([{ program: "SERVICE_PROVIDER", tier: null }]);
  });

  it("refuses overlapping memberships of one program, bad periods and unknown organizations", async () => {
    const org = await seed.partner();
    const vendor = await seed.vendorAdmin();
    expect(
      (
        await client.error(vendor, ops.GrantProgramMembershipDocument, {
          input: { organizationId: org.id, program: "SOLUTION_ADVISOR" },
        })
      ).code,
    ).toBe("CONFLICT");
    const badPeriod = await client.error(vendor, ops.GrantProgramMembershipDocument, {
      input: {
        organizationId: org.id,
        program: "SERVICE_PROVIDER",
        startsAt: "2030-01-02T00:00:00Z",
        endsAt: "2030-01-01T00:00:00Z",
      },
    });
    expect(badPeriod).toMatchObject({ code: "BAD_USER_INPUT", field: "endsAt" });
    expect(
      (
        await client.error(vendor, ops.GrantProgramMembershipDocument, {
          input: { organizationId: "ORG-NOSUCHORG0", program: "SERVICE_PROVIDER" },
        })
      ).code,
    ).toBe("NOT_FOUND");
    expect(
      (
        await client.error(vendor, ops.GrantProgramMembershipDocument, {
          input: { organizationId: "not-an-orgid", program: "SERVICE_PROVIDER" },
        })
      ).field,
    ).toBe("organizationId");
  });
});

describe("who may see an organization", () => {
  const detail = `query($id: ID!) { organization(id: $id) { id name country createdAt } }`;
  const profile = `query($id: ID!) { organization(id: $id) { id name isPartner badges { program tier } } }`;

  it("shows a customer to itself, to the vendor and to a connected partner, and to nobody else", async () => {
    const customer = await seed.customer();
    const stranger = await seed.customer();
    const partner = await seed.partner();
    const otherPartner = await seed.partner();
    await seed.connect(partner, customer);

    expect((await client.ok(customer.admin, detail, { id: customer.id })).organization.country).toBe("DE");
    expect((await client.ok(await seed.vendorAdmin(), detail, { id: customer.id })).organization.name).toBe(
      customer.name,
    );
    expect((await client.ok(partner.admin, detail, { id: customer.id })).organization.country).toBe("DE");
    expect((await client.error(stranger.admin, detail, { id: customer.id })).code).toBe("FORBIDDEN");
    expect((await client.error(otherPartner.admin, detail, { id: customer.id })).code).toBe("FORBIDDEN");
  });

  it("shows a partner's public profile to anyone signed in, but not its details", async () => {
    const partner = await seed.partner();
    const customer = await seed.customer();
    const { organization } = await client.ok(customer.admin, profile, { id: partner.id });
    expect(organization).toMatchObject({
      name: partner.name,
      isPartner: true,
      badges: [{ program: "SOLUTION_ADVISOR", tier: "GOLD" }],
    });
    expect((await client.error(customer.admin, detail, { id: partner.id })).code).toBe("FORBIDDEN");
  });

  it("answers NOT_FOUND for an unknown organization", async () => {
    const customer = await seed.customer();
    expect((await client.error(customer.admin, detail, { id: "ORG-NOSUCHORG0" })).code).toBe("NOT_FOUND");
  });
});

describe("administrator grants", () => {
  it("invites, accepts, and lets the invitee act as the customer", async () => {
    const customer = await seed.customer();
    const partner = await seed.partner();
    const { inviteAdministrator } = await client.ok(customer.admin, ops.InviteAdministratorDocument, {
      input: { email: partner.admin.email.toUpperCase(), access: "FULL" },
    });
    expect(inviteAdministrator).toMatchObject({ email: partner.admin.email, access: "FULL", status: "PENDING" });

    const invitations = await client.ok(partner.admin, ops.MyAdministratorInvitationsDocument);
    expect(invitations.myAdministratorInvitations).toEqual([
      {
        id: inviteAdministrator.id,
        access: "FULL",
        status: "PENDING",
        organization: { id: customer.id, name: customer.name },
      },
    ]);
    // Not yet accepted: acting as the customer is refused.
    expect((await client.error({ token: partner.admin.token, organizationId: customer.id }, ops.MeDocument)).code).toBe(
      "FORBIDDEN",
    );

    const accepted = await client.ok(partner.admin, ops.AcceptAdministratorInvitationDocument, {
      id: inviteAdministrator.id,
    });
    expect(accepted.acceptAdministratorInvitation).toMatchObject({
      status: "ACCEPTED",
      organization: { id: customer.id },
    });

    const acting = await client.ok({ token: partner.admin.token, organizationId: customer.id }, ops.MeDocument);
    expect(acting.me.organization).toMatchObject({ id: customer.id, name: customer.name });
    expect(
      (await client.error(partner.admin, ops.AcceptAdministratorInvitationDocument, { id: inviteAdministrator.id }))
        .code,
    ).toBe("CONFLICT");
  });

  it("keeps invitations to their addressee", async () => {
    const customer = await seed.customer();
    const invitee = await seed.person();
    const intruder = await seed.person();
    const { inviteAdministrator } = await client.ok(customer.admin, ops.InviteAdministratorDocument, {
      input: { email: invitee.email, access: "FULL" },
    });
    expect(
      (await client.error(intruder, ops.AcceptAdministratorInvitationDocument, { id: inviteAdministrator.id })).code,
    ).toBe("NOT_FOUND");
    expect((await client.ok(intruder, ops.MyAdministratorInvitationsDocument)).myAdministratorInvitations).toEqual([]);
  });

  it("validates invitations and refuses a second open one for the same person", async () => {
    const customer = await seed.customer();
    expect(
      await client.error(customer.admin, ops.InviteAdministratorDocument, {
        input: { email: "not-an-email", access: "FULL" },
      }),
    ).toMatchObject({ code: "BAD_USER_INPUT", field: "email" });
    expect(
      await client.error(customer.admin, ops.InviteAdministratorDocument, {
        input: { email: "x@y.example", access: "CUSTOM" },
      }),
    ).toMatchObject({ code: "BAD_USER_INPUT", field: "serviceCodes" });
    await client.ok(customer.admin, ops.InviteAdministratorDocument, {
      input: { email: "x@y.example", access: "CUSTOM", serviceCodes: ["SDWAN"] },
    });
    expect(
      (
        await client.error(customer.admin, ops.InviteAdministratorDocument, {
          input: { email: "x@y.example", access: "FULL" },
        })
      ).code,
    ).toBe("CONFLICT");
  });

  it("lets only the account's administrators invite", async () => {
    const customer = await seed.customer();
    const member = await seed.member(customer, "MEMBER");
    expect(
      (await client.error(member, ops.InviteAdministratorDocument, { input: { email: "x@y.example", access: "FULL" } }))
        .code,
    ).toBe("FORBIDDEN");
  });

  it("refuses X-Organization-Id of an organization the caller does not administer", async () => {
    const customer = await seed.customer();
    const other = await seed.customer();
    expect((await client.error({ token: customer.admin.token, organizationId: other.id }, ops.MeDocument)).code).toBe(
      "FORBIDDEN",
    );
    expect((await client.error({ token: customer.admin.token, organizationId: "garbage" }, ops.MeDocument)).code).toBe(
      "BAD_USER_INPUT",
    );
  });

  it("stops a revoked administrator at the next request", async () => {
    const customer = await seed.customer();
    const helper = await seed.person();
    const grantId = await seed.administrator(customer, helper);
    await client.ok({ token: helper.token, organizationId: customer.id }, ops.MeDocument);
    await client.ok(customer.admin, `mutation($id: ID!) { revokeAdministratorGrant(id: $id) { status } }`, {
      id: grantId,
    });
    expect((await client.error({ token: helper.token, organizationId: customer.id }, ops.MeDocument)).code).toBe(
      "FORBIDDEN",
    );
  });
});
