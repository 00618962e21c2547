import { DEMO, devSubject } from "@partnergraph/kit";
import { DataSource } from "typeorm";
import { AdministratorAccess, AdministratorGrant, GrantStatus } from "../administrator/grant.entity";
import { Certification } from "../certification/certification.entity";
import { Organization } from "../organization/organization.entity";
import { ProgramMembership } from "../program/membership.entity";
import { PartnerProgramCode, PartnerTier } from "../program/program.enums";
import { MemberRole, User } from "../user/user.entity";

const { organizations: org, users } = DEMO;
const yearsAgo = (years: number) => new Date(Date.now() - years * 365 * 86_400_000);
const yearsAhead = (years: number) => new Date(Date.now() + years * 365 * 86_400_000);

/** Identity's part of ../shared/contract/demo.md. */
export async function seedIdentityDemo(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.save(Organization, [
      { id: org.northwind, name: "Northwind Partners", country: "US", isVendor: false },
      { id: org.contoso, name: "Contoso Services", country: "GB", isVendor: false },
      { id: org.fabrikam, name: "Fabrikam Traders", country: "DE", isVendor: false },
      { id: org.adatum, name: "Adatum Corporation", country: "US", isVendor: false },
      { id: org.litware, name: "Litware Inc.", country: "CA", isVendor: false },
      { id: org.tailspin, name: "Tailspin Toys", country: "AU", isVendor: false },
    ]);
    const person = (
      u: { id: string; email: string },
      displayName: string,
      organizationId: string,
      role: MemberRole,
    ) => ({
      id: u.id,
      subject: devSubject(u.email),
      email: u.email,
      displayName,
      organizationId,
      role,
    });
    await manager.save(User, [
      person(users.ops, "Olivia Ops", org.vendor, MemberRole.ADMIN),
      person(users.alice, "Alice Alvarez", org.northwind, MemberRole.ADMIN),
      person(users.nick, "Nick Nakamura", org.northwind, MemberRole.MEMBER),
      person(users.bob, "Bob Brown", org.contoso, MemberRole.ADMIN),
      person(users.frank, "Frank Fischer", org.fabrikam, MemberRole.ADMIN),
      person(users.carol, "Carol Chen", org.adatum, MemberRole.ADMIN),
      person(users.dave, "Dave Dubois", org.litware, MemberRole.ADMIN),
      person(users.erin, "Erin Evans", org.tailspin, MemberRole.ADMIN),
    ]);
    await manager.save(ProgramMembership, [
      {
        id: "PMB-DEMONW0001",
        organizationId: org.northwind,
        program: PartnerProgramCode.SOLUTION_ADVISOR,
        tier: PartnerTier.GOLD,
        startsAt: yearsAgo(2),
        endsAt: yearsAhead(1),
        revokedAt: null,
        grantedByUserId: users.ops.id,
      },
      {
        id: "PMB-DEMOCT0001",
        organizationId: org.contoso,
        program: PartnerProgramCode.SERVICE_PROVIDER,
        tier: null,
        startsAt: yearsAgo(1),
        endsAt: null,
        revokedAt: null,
        grantedByUserId: users.ops.id,
      },
    ]);
    await manager.save(Certification, [
      {
        id: "CRT-DEMOALCE01",
        userId: users.alice.id,
        product: "SD-WAN Orchestrator",
        level: "Professional",
        achievedAt: yearsAgo(1),
        expiresAt: yearsAhead(1),
      },
      {
        id: "CRT-DEMOALCE02",
        userId: users.alice.id,
        product: "Virtual Apps and Desktops",
        level: "Expert",
        achievedAt: yearsAgo(0.5),
        expiresAt: yearsAhead(2),
      },
      {
        id: "CRT-DEMONICK01",
        userId: users.nick.id,
        product: "Secure Private Access",
        level: "Associate",
        achievedAt: yearsAgo(3),
        expiresAt: yearsAgo(1),
      },
    ]);
    await manager.save(AdministratorGrant, {
      id: "AGR-DEMOADTM01",
      organizationId: org.adatum,
      email: users.alice.email,
      access: AdministratorAccess.FULL,
      serviceCodes: [],
      status: GrantStatus.ACCEPTED,
      invitedByUserId: users.carol.id,
      granteeUserId: users.alice.id,
      respondedAt: yearsAgo(0.5),
    });
  });
}
