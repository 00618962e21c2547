import { AUDIT_ACTIONS, type ReminderLeadTimes } from "@partnergraph/contracts";
import { ForbiddenError, inTransaction, recordAudit, RequestContext } from "@partnergraph/kit";
import { DataSource, In } from "typeorm";
import { DEFAULT_LEAD_TIMES, ReminderSettings } from "./reminder-settings.entity";
import { ReminderSettingsInput } from "./reminder-settings.inputs";

const longestFirst = (days: number[]) => [...days].sort((a, b) => b - a);

/** Each kind's lead times, longest first (the order reminders come in). */
const sorted = (times: ReminderLeadTimes): ReminderLeadTimes => ({
  entitlementDays: longestFirst(times.entitlementDays),
  trialDays: longestFirst(times.trialDays),
  grantDays: longestFirst(times.grantDays),
  consentDays: longestFirst(times.consentDays),
});

/** Lead times of many organizations in one statement; the defaults for those that never chose. */
export async function leadTimesOf(dataSource: DataSource, organizationIds: string[]) {
  const rows = organizationIds.length
    ? await dataSource.getRepository(ReminderSettings).find({ where: { organizationId: In(organizationIds) } })
    : [];
  const chosen = new Map(rows.map((row) => [row.organizationId, row]));
  return new Map(organizationIds.map((id) => [id, sorted(chosen.get(id) ?? DEFAULT_LEAD_TIMES)]));
}

export class ReminderSettingsService {
  constructor(private readonly ctx: RequestContext) {}

  /** The acting organization's lead times: any of its people (or administrators acting as it) may read them. */
  async mine(): Promise<ReminderLeadTimes> {
    const organizationId = this.ctx.requireOrganization();
    return (await leadTimesOf(this.ctx.dataSource, [organizationId])).get(organizationId)!;
  }

  /** Its administrators choose them (an ADMIN, or a FULL administrator acting for it). */
  async set(input: ReminderSettingsInput): Promise<ReminderLeadTimes> {
    const organizationId = this.ctx.requireOrganization();
    const caller = this.ctx.caller!;
    if (!(caller.role === "ADMIN" || (caller.role === "ADMINISTRATOR" && caller.grantAccess === "FULL")))
      throw new ForbiddenError("Only an administrator of the account chooses its reminders");
    const times = sorted(input);
    await inTransaction(this.ctx.dataSource, async (manager) => {
      await manager.save(ReminderSettings, {
        organizationId,
        ...times,
        updatedAt: new Date(),
        updatedByUserId: caller.userId,
      });
      await recordAudit(manager, caller, {
        action: AUDIT_ACTIONS.setReminderSettings,
        subjectType: "ReminderSettings",
        subjectId: organizationId,
        targetOrganizationId: organizationId,
        summary: `Set reminder lead times (days): entitlements ${times.entitlementDays.join("/") || "none"}, trials ${times.trialDays.join("/") || "none"}, grants ${times.grantDays.join("/") || "none"}, consents ${times.consentDays.join("/") || "none"}`,
      });
    });
    return times;
  }
}
