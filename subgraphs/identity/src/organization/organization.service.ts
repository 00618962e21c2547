import {
  alignByKey,
  ConflictError,
  ForbiddenError,
  forUpdate,
  inTransaction,
  newId,
  NotFoundError,
  recordAudit,
  RequestContext,
} from "@partnergraph/kit";
import { AUDIT_ACTIONS } from "@partnergraph/contracts";
import { In } from "typeorm";
import { Certification, isCurrent } from "../certification/certification.entity";
import { MembershipService } from "../program/membership.service";
import { MemberRole, User } from "../user/user.entity";
import { Organization } from "./organization.entity";
import { RegisterOrganizationInput } from "./organization.inputs";

export class OrganizationService {
  constructor(private readonly ctx: RequestContext) {}

  /** Batched by id; null when there is no such organization. */
  load(id: string): Promise<Organization | null> {
    return this.ctx
      .loader<string, Organization | null>("organization-by-id", async (ids) =>
        alignByKey(ids, await this.ctx.repository(Organization).find({ where: { id: In([...ids]) } }), (org) => org.id),
      )
      .load(id);
  }

  /**
   * An organization as the caller may see it: fully when they may see its data, and its public
   * partner profile (id, name, badges) when it is a partner. Anyone else: FORBIDDEN.
   */
  async viewable(id: string): Promise<Organization> {
    this.ctx.requireCaller();
    const organization = await this.load(id);
    if (!organization) throw new NotFoundError("Organization", id);
    if (
      organization.isVendor ||
      (await this.ctx.canSeeOrganization(id)) ||
      (await this.ctx.use(MembershipService).isPartner(id))
    ) {
      return organization;
    }
    throw new ForbiddenError(`You may not see organization ${id}`);
  }

  /** Guards the fields beyond the public partner profile. */
  async assertFullAccess(organization: Organization): Promise<void> {
    await this.ctx.assertCanSeeOrganization(organization.id);
  }

  /** Sign-up: a signed-in person with no organization creates one and becomes its first administrator. */
  async register(input: RegisterOrganizationInput): Promise<Organization> {
    const caller = this.ctx.requireCaller();
    return inTransaction(this.ctx.dataSource, async (manager) => {
      const user = await manager.findOne(User, { where: { id: caller.userId }, lock: forUpdate(manager) });
      if (!user) throw new NotFoundError("User", caller.userId);
      if (user.organizationId) throw new ConflictError("You already belong to an organization");
      const organization = manager.create(Organization, {
        id: newId("ORG"),
        name: input.name.trim(),
        country: input.country.toUpperCase(),
        isVendor: false,
      });
      await manager.save(organization);
      await manager.update(
        User,
        { id: user.id },
        { organizationId: organization.id, role: MemberRole.ADMIN, displayName: input.displayName.trim() },
      );
      await recordAudit(manager, caller, {
        action: AUDIT_ACTIONS.registerOrganization,
        subjectType: "Organization",
        subjectId: organization.id,
        targetOrganizationId: organization.id,
        summary: `Registered ${organization.name} (${organization.country})`,
      });
      this.ctx.markCreatedOrganization(organization.id);
      this.ctx.noteDirectoryChange({ userIds: [user.id] });
      return organization;
    });
  }

  /** People of the organization holding a current certification; two queries per request however many organizations. */
  certifiedPeopleCount(organizationId: string): Promise<number> {
    return this.ctx
      .loader<string, number>("certified-people-by-organization", async (ids) => {
        const people = await this.ctx
          .repository(User)
          .find({ select: { id: true, organizationId: true }, where: { organizationId: In([...ids]) } });
        const certifications = people.length
          ? await this.ctx.repository(Certification).find({ where: { userId: In(people.map((p) => p.id)) } })
          : [];
        const certified = new Set(certifications.filter((c) => isCurrent(c)).map((c) => c.userId));
        return ids.map((id) => people.filter((p) => p.organizationId === id && certified.has(p.id)).length);
      })
      .load(organizationId);
  }
}
