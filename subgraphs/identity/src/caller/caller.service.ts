import { AdministersResponse, CallerRequest } from "@partnergraph/contracts";
import {
  Caller,
  config,
  ForbiddenError,
  isUniqueViolation,
  newId,
  toSqlDateTime,
  UnauthenticatedError,
} from "@partnergraph/kit";
import { DataSource, IsNull } from "typeorm";
import { AdministratorAccess, AdministratorGrant, grantInForce, GrantStatus } from "../administrator/grant.entity";
import { MemberInvitation } from "../onboarding/member-invitation.entity";
import { Organization } from "../organization/organization.entity";
import { ProgramMembership } from "../program/membership.entity";
import { MembershipStatus } from "../program/program.enums";
import { MemberRole, User } from "../user/user.entity";

/**
 * Turns a verified token (subject, email) into a Caller from the directory: the person,
 * the organization they act as, their role there and whether it is a partner or the vendor.
 */
export class CallerService {
  constructor(private readonly dataSource: DataSource) {}

  async resolve(request: CallerRequest): Promise<Caller> {
    if (!request.subject || !request.email) throw new UnauthenticatedError("The token names no subject or email");
    const user = await this.findOrCreateUser(request.subject, request.email.trim().toLowerCase());
    const acting =
      request.organizationId && request.organizationId !== user.organizationId
        ? request.organizationId
        : user.organizationId;

    let grant: AdministratorGrant | null = null;
    if (acting && acting !== user.organizationId) {
      const found = await this.dataSource.getRepository(AdministratorGrant).find({
        where: { granteeUserId: user.id, organizationId: acting, status: GrantStatus.ACCEPTED },
      });
      // A grant past the end its customer chose lets nobody act.
      grant = found.find((g) => grantInForce(g)) ?? null;
      if (!grant) throw new ForbiddenError(`You do not administer organization ${acting}`);
    }
    const [organization, memberships] = acting
      ? await Promise.all([
          this.dataSource.getRepository(Organization).findOne({ where: { id: acting } }),
          this.dataSource.getRepository(ProgramMembership).find({ where: { organizationId: acting } }),
        ])
      : [null, []];
    const now = new Date();
    return {
      userId: user.id,
      email: user.email,
      displayName: user.displayName,
      homeOrganizationId: user.organizationId,
      organizationId: organization?.id ?? null,
      role: grant ? "ADMINISTRATOR" : user.role,
      grantId: grant?.id ?? null,
      grantAccess: grant?.access ?? null,
      grantServiceCodes: grant?.serviceCodes ?? [],
      grantEndsAt: grant?.endsAt?.toISOString() ?? null,
      isPartner: memberships.some((m) => m.status(now) === MembershipStatus.ACTIVE),
      isVendorAdmin: !grant && !!organization?.isVendor && user.role === MemberRole.ADMIN,
    };
  }

  private async findOrCreateUser(subject: string, email: string): Promise<User> {
    const users = this.dataSource.getRepository(User);
    let user = await users.findOne({ where: { subject } });
    if (!user) {
      const vendorAdmin = config().vendorAdminEmails.includes(email);
      // Invited as the first administrator of a customer a partner added: join it now.
      const invitation = vendorAdmin
        ? null
        : await this.dataSource
            .getRepository(MemberInvitation)
            .findOne({ where: { email, acceptedAt: IsNull() }, order: { createdAt: "ASC" } });
      const created = users.create({
        id: newId("USR"),
        subject,
        email,
        displayName: invitation?.displayName ?? email.split("@")[0],
        organizationId: vendorAdmin ? config().vendorOrganizationId : (invitation?.organizationId ?? null),
        role: vendorAdmin ? MemberRole.ADMIN : (invitation?.role ?? null),
      });
      try {
        user = await users.save(created);
        if (invitation)
          await this.dataSource
            .getRepository(MemberInvitation)
            .update({ id: invitation.id }, { acceptedAt: new Date(), acceptedByUserId: user.id });
      } catch (error) {
        // Two first requests of one person at once: the unique subject decides, the loser reads the winner.
        if (!isUniqueViolation(error)) throw error;
        user = await users.findOneOrFail({ where: { subject } });
      }
    } else if (user.email !== email) {
      // The identity provider is the authority on the address.
      await users.update({ id: user.id }, { email });
      user.email = email;
    }
    return user;
  }

  /** Whether some person of the partner holds an accepted administrator grant on the customer. */
  async administers(partnerId: string, customerId: string): Promise<AdministersResponse> {
    const grants = await this.dataSource
      .getRepository(AdministratorGrant)
      .createQueryBuilder("g")
      .innerJoin(User, "grantee", "grantee.id = g.grantee_user_id")
      .where("g.organization_id = :customerId AND g.status = :status AND grantee.organization_id = :partnerId", {
        customerId,
        partnerId,
        status: GrantStatus.ACCEPTED,
      })
      .andWhere("(g.ends_at IS NULL OR g.ends_at > :now)", { now: toSqlDateTime(new Date()) })
      .getMany();
    const full = grants.find((g) => g.access === AdministratorAccess.FULL);
    return {
      administers: grants.length > 0,
      access: full ? "FULL" : grants.length ? "CUSTOM" : null,
      serviceCodes: full ? [] : [...new Set(grants.flatMap((g) => g.serviceCodes))],
    };
  }
}
