import {
  BadUserInputError,
  ConflictError,
  forUpdate,
  inTransaction,
  newId,
  NotFoundError,
  recordAudit,
  RequestContext,
} from "@partnergraph/kit";
import { AUDIT_ACTIONS } from "@partnergraph/contracts";
import { In } from "typeorm";
import { AdministratorAccess, AdministratorGrant, GrantStatus, InviteAdministratorInput } from "./grant.entity";

export class GrantService {
  constructor(private readonly ctx: RequestContext) {}

  /** Who may manage the acting organization's administrators: its own admins, or a FULL administrator. */
  private requireAccountAdministrator(): string {
    return this.ctx.requireAccountAdministrator("Only an administrator of this account manages its administrators");
  }

  async invite(input: InviteAdministratorInput): Promise<AdministratorGrant> {
    const organizationId = this.requireAccountAdministrator();
    const caller = this.ctx.requireCaller();
    const email = input.email.trim().toLowerCase();
    if (email === caller.email) throw new BadUserInputError("email", "You cannot invite yourself");
    const serviceCodes = input.access === AdministratorAccess.CUSTOM ? [...new Set(input.serviceCodes ?? [])] : [];
    if (input.access === AdministratorAccess.CUSTOM && serviceCodes.length === 0) {
      throw new BadUserInputError("serviceCodes", "CUSTOM access names the services it covers");
    }
    const endsAt = input.endsAt ?? null;
    if (endsAt && endsAt.getTime() <= Date.now())
      throw new BadUserInputError("endsAt", "endsAt must be in the future (or left out for no end)");
    return inTransaction(this.ctx.dataSource, async (manager) => {
      const open = await manager.findOne(AdministratorGrant, {
        where: { organizationId, email, status: In([GrantStatus.PENDING, GrantStatus.ACCEPTED]) },
      });
      if (open)
        throw new ConflictError(`${email} already has a ${open.status.toLowerCase()} administrator grant (${open.id})`);
      const grant = await manager.save(
        manager.create(AdministratorGrant, {
          id: newId("AGR"),
          organizationId,
          email,
          access: input.access,
          serviceCodes,
          status: GrantStatus.PENDING,
          invitedByUserId: caller.userId,
          granteeUserId: null,
          respondedAt: null,
          endsAt,
        }),
      );
      await recordAudit(manager, caller, {
        action: AUDIT_ACTIONS.inviteAdministrator,
        subjectType: "AdministratorGrant",
        subjectId: grant.id,
        targetOrganizationId: organizationId,
        summary: `Invited ${email} as a ${input.access} administrator${endsAt ? ` until ${endsAt.toISOString()}` : ""}`,
      });
      return grant;
    });
  }

  /** The invitee answers; an invitation to someone else is NOT_FOUND, so ids reveal nothing. */
  async respond(id: string, accept: boolean): Promise<AdministratorGrant> {
    const caller = this.ctx.requireCaller();
    return inTransaction(this.ctx.dataSource, async (manager) => {
      const grant = await manager.findOne(AdministratorGrant, { where: { id }, lock: forUpdate(manager) });
      if (!grant || grant.email !== caller.email) throw new NotFoundError("Administrator invitation", id);
      if (grant.status !== GrantStatus.PENDING)
        throw new ConflictError(`This invitation is already ${grant.status.toLowerCase()}`);
      grant.status = accept ? GrantStatus.ACCEPTED : GrantStatus.DECLINED;
      grant.granteeUserId = accept ? caller.userId : null;
      grant.respondedAt = new Date();
      this.ctx.noteDirectoryChange({ userIds: [caller.userId] });
      await recordAudit(manager, caller, {
        action: accept ? AUDIT_ACTIONS.acceptAdministratorInvitation : AUDIT_ACTIONS.declineAdministratorInvitation,
        subjectType: "AdministratorGrant",
        subjectId: grant.id,
        targetOrganizationId: grant.organizationId,
        summary: `${accept ? "Accepted" : "Declined"} the invitation to administer ${grant.organizationId}`,
      });
      return manager.save(grant);
    });
  }

  async revoke(id: string): Promise<AdministratorGrant> {
    const organizationId = this.requireAccountAdministrator();
    const revoked = await inTransaction(this.ctx.dataSource, async (manager) => {
      const grant = await manager.findOne(AdministratorGrant, {
        where: { id, organizationId },
        lock: forUpdate(manager),
      });
      if (!grant) throw new NotFoundError("Administrator grant", id);
      if (grant.status === GrantStatus.REVOKED || grant.status === GrantStatus.DECLINED)
        throw new ConflictError(`This grant is already ${grant.status.toLowerCase()}`);
      grant.status = GrantStatus.REVOKED;
      grant.respondedAt = new Date();
      await recordAudit(manager, this.ctx.caller, {
        action: AUDIT_ACTIONS.revokeAdministratorGrant,
        subjectType: "AdministratorGrant",
        subjectId: grant.id,
        targetOrganizationId: organizationId,
        summary: `Revoked ${grant.email}'s administrator grant`,
      });
      return manager.save(grant);
    });
    const grant = revoked;
    // The grantee's next request, through any gateway, no longer acts as this organization.
    if (grant.granteeUserId) this.ctx.noteDirectoryChange({ userIds: [grant.granteeUserId] });
    return revoked;
  }

  /** Invitations to the caller's email, open or accepted. */
  mine(): Promise<AdministratorGrant[]> {
    const caller = this.ctx.requireCaller();
    return this.ctx.repository(AdministratorGrant).find({
      where: { email: caller.email, status: In([GrantStatus.PENDING, GrantStatus.ACCEPTED]) },
      order: { invitedAt: "DESC" },
    });
  }

  /** The acting organization's administrators, for its own account administrators. */
  ofMyOrganization(): Promise<AdministratorGrant[]> {
    const organizationId = this.requireAccountAdministrator();
    return this.ctx.repository(AdministratorGrant).find({ where: { organizationId }, order: { invitedAt: "DESC" } });
  }
}
