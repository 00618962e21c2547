import { groupByKey, RequestContext } from "@partnergraph/kit";
import { In } from "typeorm";
import { entitlementStatus, EntitlementStatus } from "../entitlement/entitlement.entity";
import { EntitlementService } from "../entitlement/entitlement.service";
import { trialStatus, TrialStatus } from "../trial/trial.entity";
import { TrialService } from "../trial/trial.service";
import { ProvisionedService, ProvisionSource } from "./provisioned.type";
import { ResellRegistration, ResellStatus } from "./resell.entity";

export class ProvisioningService {
  constructor(private readonly ctx: RequestContext) {}

  /**
   * The services an organization has now; shares the trial and entitlement loaders, plus one query for its
   * APPROVED requests to resell (a pending or declined one provisions nothing).
   */
  async ofOrganization(organizationId: string): Promise<ProvisionedService[]> {
    await this.ctx.assertCanSeeOrganization(organizationId);
    const [entitlements, trials, registrations] = await Promise.all([
      this.ctx.use(EntitlementService).ofOrganization(organizationId),
      this.ctx.use(TrialService).ofOrganization(organizationId),
      this.ctx
        .loader<string, ResellRegistration[]>("resell-by-organization", async (ids) =>
          groupByKey(
            ids,
            await this.ctx
              .repository(ResellRegistration)
              .find({ where: { organizationId: In([...ids]), status: ResellStatus.APPROVED } }),
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
      add({
        serviceCode: r.serviceCode,
        source: ProvisionSource.RESELL,
        since: r.decidedAt ?? r.requestedAt,
        until: null,
      });
    return [...byService.values()].sort((a, b) => a.serviceCode.localeCompare(b.serviceCode));
  }
}
