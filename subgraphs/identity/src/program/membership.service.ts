import {
  BadUserInputError,
  ConflictError,
  forUpdate,
  groupByKey,
  inTransaction,
  newId,
  NotFoundError,
  recordAudit,
  RequestContext,
} from "@partnergraph/kit";
import { AUDIT_ACTIONS } from "@partnergraph/contracts";
import { In } from "typeorm";
import { Organization } from "../organization/organization.entity";
import { Badge, ProgramMembership } from "./membership.entity";
import { GrantProgramMembershipInput } from "./membership.inputs";
import { MembershipStatus } from "./program.enums";

export class MembershipService {
  constructor(private readonly ctx: RequestContext) {}

  /** Every membership of each organization, one query per request however many organizations. */
  membershipsOf(organizationId: string): Promise<ProgramMembership[]> {
    return this.ctx
      .loader<string, ProgramMembership[]>("memberships-by-organization", async (ids) => {
        const rows = await this.ctx
          .repository(ProgramMembership)
          .find({ where: { organizationId: In([...ids]) }, order: { startsAt: "ASC" } });
        return groupByKey(ids, rows, (row) => row.organizationId);
      })
      .load(organizationId);
  }

  async badgesOf(organizationId: string): Promise<Badge[]> {
    const now = new Date();
    const active = (await this.membershipsOf(organizationId)).filter((m) => m.status(now) === MembershipStatus.ACTIVE);
    return active.map(({ program, tier }) => ({ program, tier }));
  }

  async isPartner(organizationId: string): Promise<boolean> {
    return (await this.badgesOf(organizationId)).length > 0;
  }

  /** Vendor partner operations enrol an organization in a program for a period. */
  async grant(input: GrantProgramMembershipInput): Promise<ProgramMembership> {
    const caller = this.ctx.requireVendorAdmin("Only the vendor's partner operations grant program memberships");
    const startsAt = input.startsAt ?? new Date();
    const endsAt = input.endsAt ?? null;
    if (endsAt && endsAt <= startsAt) throw new BadUserInputError("endsAt", "endsAt must be after startsAt");
    return inTransaction(this.ctx.dataSource, async (manager) => {
      const organization = await manager.findOne(Organization, { where: { id: input.organizationId } });
      if (!organization) throw new NotFoundError("Organization", input.organizationId);
      if (organization.isVendor)
        throw new BadUserInputError("organizationId", "The vendor itself cannot join its partner programs");
      const existing = await manager.find(ProgramMembership, {
        where: { organizationId: organization.id, program: input.program },
      });
      const overlapping = existing.find(
        (m) => !m.revokedAt && (m.endsAt === null || m.endsAt > startsAt) && (endsAt === null || m.startsAt < endsAt),
      );
      if (overlapping) {
        throw new ConflictError(
          `${organization.name} already holds a ${input.program} membership (${overlapping.id}) in that period; revoke it first`,
        );
      }
      const membership = manager.create(ProgramMembership, {
        id: newId("PMB"),
        organizationId: organization.id,
        program: input.program,
        tier: input.tier ?? null,
        startsAt,
        endsAt,
        revokedAt: null,
        grantedByUserId: caller.userId,
      });
      // Whoever acts as the organization holds the badge from their next request, through any gateway.
      this.ctx.noteDirectoryChange({ organizationIds: [organization.id] });
      await recordAudit(manager, caller, {
        action: AUDIT_ACTIONS.grantProgramMembership,
        subjectType: "ProgramMembership",
        subjectId: membership.id,
        targetOrganizationId: organization.id,
        summary: `Granted ${organization.name} the ${input.program}${input.tier ? ` ${input.tier}` : ""} badge`,
      });
      return manager.save(membership);
    });
  }

  async revoke(id: string): Promise<ProgramMembership> {
    const caller = this.ctx.requireVendorAdmin("Only the vendor's partner operations revoke program memberships");
    const revoked = await inTransaction(this.ctx.dataSource, async (manager) => {
      const membership = await manager.findOne(ProgramMembership, { where: { id }, lock: forUpdate(manager) });
      if (!membership) throw new NotFoundError("Program membership", id);
      if (membership.revokedAt) throw new ConflictError(`Program membership ${id} is already revoked`);
      membership.revokedAt = new Date();
      await recordAudit(manager, caller, {
        action: AUDIT_ACTIONS.revokeProgramMembership,
        subjectType: "ProgramMembership",
        subjectId: id,
        targetOrganizationId: membership.organizationId,
        summary: `Revoked the ${membership.program} badge`,
      });
      return manager.save(membership);
    });
    const membership = revoked;
    // Whoever acts as the organization loses the badge on their next request, through any gateway.
    this.ctx.noteDirectoryChange({ organizationIds: [membership.organizationId] });
    return revoked;
  }
}
