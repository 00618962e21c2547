import { AUDIT_ACTIONS } from "@partnergraph/contracts";
import { ForbiddenError, groupByKey, isUniqueViolation, newId, recordAudit, RequestContext } from "@partnergraph/kit";
import { In } from "typeorm";
import { entitlementStatus, EntitlementStatus } from "../entitlement/entitlement.entity";
import { EntitlementService } from "../entitlement/entitlement.service";
import { CatalogService } from "../service/service.service";
import { trialStatus, TrialStatus } from "../trial/trial.entity";
import { TrialService } from "../trial/trial.service";
import { ProvisionedService, ProvisionSource } from "./provisioned.type";
import { ResellRegistration } from "./resell.entity";

export class ProvisioningService {
  constructor(private readonly ctx: RequestContext) {}

  /** "Resell" on a service tile: a badged partner registers to resell a resellable service, which is provisioned for it. */
  async registerToResell(serviceCode: string): Promise<ProvisionedService> {
    const caller = this.ctx.requireCaller();
    const organizationId = this.ctx.requireOrganization();
    if (!caller.isPartner || organizationId !== caller.homeOrganizationId)
      throw new ForbiddenError("Only a badged partner, acting as itself, registers to resell");
    const service = await this.ctx.use(CatalogService).require(serviceCode);
    if (!service.resellable) throw new ForbiddenError(`Partners may not resell ${service.code}`);
    const repository = this.ctx.repository(ResellRegistration);
    let registration = await repository.findOne({ where: { organizationId, serviceCode: service.code } });
    if (!registration) {
      try {
        registration = await this.ctx.dataSource.transaction(async (manager) => {
          const saved = await manager.save(
            repository.create({
              id: newId("RSL"),
              organizationId,
              serviceCode: service.code,
              registeredByUserId: caller.userId,
              registeredAt: new Date(),
            }),
          );
          await recordAudit(manager, caller, {
            action: AUDIT_ACTIONS.registerToResell,
            subjectType: "ResellRegistration",
            subjectId: saved.id,
            targetOrganizationId: organizationId,
            summary: `Registered to resell ${service.code}`,
          });
          return saved;
        });
      } catch (error) {
        // Registered twice at once: the unique index kept one; answer with it.
        if (!isUniqueViolation(error)) throw error;
        registration = await repository.findOneOrFail({ where: { organizationId, serviceCode: service.code } });
      }
    }
    return {
      serviceCode: service.code,
      service,
      source: ProvisionSource.RESELL,
      since: registration.registeredAt,
      until: null,
    };
  }

  /** The services an organization has now; shares the trial and entitlement loaders, plus one query for registrations. */
  async ofOrganization(organizationId: string): Promise<ProvisionedService[]> {
    await this.ctx.assertCanSeeOrganization(organizationId);
    const [entitlements, trials, registrations] = await Promise.all([
      this.ctx.use(EntitlementService).ofOrganization(organizationId),
      this.ctx.use(TrialService).ofOrganization(organizationId),
      this.ctx
        .loader<string, ResellRegistration[]>("resell-by-organization", async (ids) =>
          groupByKey(
            ids,
            await this.ctx.repository(ResellRegistration).find({ where: { organizationId: In([...ids]) } }),
            (r) => r.organizationId,
          ),
        )
        .load(organizationId),
    ]);
    const now = new Date();
    const byService = new Map<string, ProvisionedService>();
    const add = (item: ProvisionedService) => {
      if (!byService.has(item.serviceCode)) byService.set(item.serviceCode, item);
    };
    for (const e of entitlements) {
      if (entitlementStatus(e, now) === EntitlementStatus.ACTIVE)
        add({ serviceCode: e.serviceCode, source: ProvisionSource.ENTITLEMENT, since: e.startsAt, until: e.expiresAt });
    }
    for (const t of trials) {
      if (trialStatus(t, now) === TrialStatus.ACTIVE)
        add({ serviceCode: t.serviceCode, source: ProvisionSource.TRIAL, since: t.startsAt!, until: t.endsAt });
    }
    for (const r of registrations)
      add({ serviceCode: r.serviceCode, source: ProvisionSource.RESELL, since: r.registeredAt, until: null });
    return [...byService.values()].sort((a, b) => a.serviceCode.localeCompare(b.serviceCode));
  }
}
