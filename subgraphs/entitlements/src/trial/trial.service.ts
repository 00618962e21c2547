import { ADMINISTERS_ROUTE, AUDIT_ACTIONS } from "@partnergraph/contracts";
import {
  callRoute,
  ConflictError,
  ForbiddenError,
  forUpdate,
  groupByKey,
  isUniqueViolation,
  inTransaction,
  newId,
  NotFoundError,
  recordAudit,
  RequestContext,
} from "@partnergraph/kit";
import { EntityManager, In } from "typeorm";
import { Entitlement, entitlementStatus, EntitlementStatus } from "../entitlement/entitlement.entity";
import { Service } from "../service/service.entity";
import { CatalogService } from "../service/service.service";
import { publish } from "../events";
import { isOpen, openKeyOf, Trial, TrialStatus } from "./trial.entity";

const DAY_MS = 86_400_000;

/** Tells webhooks (through the outbox, in the change's transaction) the status the trial now has. */
function publishTrialChanged(manager: EntityManager, trial: Trial) {
  return publish(manager, "TrialChanged", {
    trialId: trial.id,
    organizationId: trial.organizationId,
    serviceCode: trial.serviceCode,
    status: trial.storedStatus,
    startsAt: trial.startsAt?.toISOString() ?? null,
    endsAt: trial.endsAt?.toISOString() ?? null,
    addedByOrganizationId: trial.addedByOrganizationId,
    changedAt: (trial.decidedAt ?? trial.requestedAt).toISOString(),
  });
}

export class TrialService {
  constructor(private readonly ctx: RequestContext) {}

  /** All trials of an organization, newest first; one query per request however many organizations. */
  async ofOrganization(organizationId: string): Promise<Trial[]> {
    await this.ctx.assertCanSeeArea(organizationId, "TRIALS");
    return this.ctx
      .loader<string, Trial[]>("trials-by-organization", async (ids) => {
        const rows = await this.ctx
          .repository(Trial)
          .find({ where: { organizationId: In([...ids]) }, order: { requestedAt: "DESC", id: "ASC" } });
        return groupByKey(ids, rows, (t) => t.organizationId);
      })
      .load(organizationId);
  }

  /** The acting organization asks for a trial; PENDING until the vendor decides. */
  async request(serviceCode: string): Promise<Trial> {
    const caller = this.ctx.requireCaller();
    const organizationId = this.ctx.requireOrganization();
    if (
      caller.role === "ADMINISTRATOR" &&
      caller.grantAccess === "CUSTOM" &&
      !caller.grantServiceCodes.includes(serviceCode.trim().toUpperCase())
    ) {
      throw new ForbiddenError(`Your administrator grant does not cover ${serviceCode}`);
    }
    const service = await this.ctx.use(CatalogService).require(serviceCode);
    return this.open({
      organizationId,
      service,
      userId: caller.userId,
      addedBy: null,
      active: false,
      bulkItemKey: null,
    });
  }

  /**
   * A partner that administers the customer (an accepted administrator grant of one of its people;
   * CUSTOM grants only for their services) adds a service: it starts at once as an ACTIVE trial.
   */
  async addService(customerId: string, serviceCode: string, bulkItemKey: string | null = null): Promise<Trial> {
    const caller = this.ctx.requireCaller();
    const partnerId = this.ctx.requireOrganization();
    const service = await this.ctx.use(CatalogService).require(serviceCode);
    // Acting as the customer through the grant itself (X-Organization-Id), or as the partner.
    const grant =
      partnerId === customerId
        ? {
            administers: caller.role === "ADMINISTRATOR",
            access: caller.grantAccess,
            serviceCodes: caller.grantServiceCodes,
          }
        : await callRoute(ADMINISTERS_ROUTE, { partnerId, customerId });
    if (!grant.administers) throw new ForbiddenError(`Your organization does not administer ${customerId}`);
    if (grant.access !== "FULL" && !grant.serviceCodes.includes(service.code)) {
      throw new ForbiddenError(`Your administrator grant on ${customerId} does not cover ${service.code}`);
    }
    const addedBy = partnerId === customerId ? caller.homeOrganizationId : partnerId;
    return this.open({
      organizationId: customerId,
      service,
      userId: caller.userId,
      addedBy,
      active: true,
      bulkItemKey,
    });
  }

  private async open(args: {
    organizationId: string;
    service: Service;
    userId: string;
    addedBy: string | null;
    active: boolean;
    bulkItemKey: string | null;
  }): Promise<Trial> {
    const { organizationId, service } = args;
    const openKey = openKeyOf(organizationId, service.code);
    const now = new Date();
    try {
      // A deadlock starts over; a unique violation is another request's open trial (below).
      return await inTransaction(
        this.ctx.dataSource,
        async (manager) => {
          await this.releaseExpiredKey(manager, openKey, now);
          const entitlement = await manager.findOne(Entitlement, {
            where: { organizationId, serviceCode: service.code },
          });
          if (entitlement && entitlementStatus(entitlement, now) === EntitlementStatus.ACTIVE) {
            throw new ConflictError(
              `${organizationId} already holds licenses for ${service.code} until ${entitlement.expiresAt.toISOString()}`,
            );
          }
          const trial = manager.create(Trial, {
            id: newId("TRL"),
            organizationId,
            serviceCode: service.code,
            storedStatus: args.active ? TrialStatus.ACTIVE : TrialStatus.PENDING,
            openKey,
            requestedAt: now,
            requestedByUserId: args.userId,
            addedByOrganizationId: args.addedBy,
            bulkItemKey: args.bulkItemKey,
            startsAt: args.active ? now : null,
            endsAt: args.active ? new Date(now.getTime() + service.trialDays * DAY_MS) : null,
            decidedAt: null,
            decidedByUserId: null,
            expiryAnnouncedAt: null,
          });
          await manager.save(trial);
          await publishTrialChanged(manager, trial);
          await recordAudit(manager, this.ctx.caller, {
            action: args.active ? AUDIT_ACTIONS.addService : AUDIT_ACTIONS.requestTrial,
            subjectType: "Trial",
            subjectId: trial.id,
            targetOrganizationId: organizationId,
            summary: args.active
              ? `Added ${service.code} to ${organizationId} as a ${service.trialDays}-day trial`
              : `Asked for a trial of ${service.code}`,
          });
          return trial;
        },
        { retry: "lock" },
      );
    } catch (error) {
      // Two requests at once: the unique open_key lets exactly one of them in.
      if (isUniqueViolation(error)) throw this.alreadyOpen(service.code);
      throw error;
    }
  }

  /**
   * The open key is cleared when a trial is declined; an ACTIVE trial past its end still holds it
   * (nothing runs at the moment it ends), so whoever opens the next trial releases it first.
   */
  private async releaseExpiredKey(manager: EntityManager, openKey: string, now: Date): Promise<void> {
    // No locking read of the key: a missing key would take a gap lock and deadlock concurrent inserts.
    // Two requests releasing the same expired holder both insert next; the unique index admits one.
    const holder = await manager.findOne(Trial, { where: { openKey } });
    if (!holder) return;
    if (isOpen(holder, now)) throw this.alreadyOpen(holder.serviceCode, holder);
    await manager.update(Trial, { id: holder.id, openKey }, { openKey: null });
  }

  private alreadyOpen(serviceCode: string, trial?: Trial): ConflictError {
    return new ConflictError(
      `There is already an open trial of ${serviceCode}${trial ? ` (${trial.id}, ${trial.storedStatus})` : ""}`,
    );
  }

  /** The vendor approves: the trial runs from now for the service's trial length. */
  approve(id: string): Promise<Trial> {
    return this.decide(id, AUDIT_ACTIONS.approveTrial, async (trial, manager) => {
      const service = await manager.findOneByOrFail(Service, { code: trial.serviceCode });
      const now = new Date();
      trial.storedStatus = TrialStatus.ACTIVE;
      trial.startsAt = now;
      trial.endsAt = new Date(now.getTime() + service.trialDays * DAY_MS);
    });
  }

  decline(id: string): Promise<Trial> {
    return this.decide(id, AUDIT_ACTIONS.declineTrial, async (trial) => {
      trial.storedStatus = TrialStatus.DECLINED;
      trial.openKey = null;
    });
  }

  private async decide(
    id: string,
    action: typeof AUDIT_ACTIONS.approveTrial | typeof AUDIT_ACTIONS.declineTrial,
    change: (trial: Trial, manager: EntityManager) => Promise<void>,
  ): Promise<Trial> {
    const caller = this.ctx.requireVendorAdmin("Only the vendor approves or declines trials");
    const decided = await inTransaction(this.ctx.dataSource, async (manager) => {
      const trial = await manager.findOne(Trial, { where: { id }, lock: forUpdate(manager) });
      if (!trial) throw new NotFoundError("Trial", id);
      if (trial.storedStatus !== TrialStatus.PENDING)
        throw new ConflictError(`Trial ${id} is ${trial.storedStatus}, not PENDING`);
      await change(trial, manager);
      trial.decidedAt = new Date();
      trial.decidedByUserId = caller.userId;
      await manager.save(trial);
      await publishTrialChanged(manager, trial);
      await recordAudit(manager, caller, {
        action,
        subjectType: "Trial",
        subjectId: id,
        targetOrganizationId: trial.organizationId,
        summary: `${action === AUDIT_ACTIONS.approveTrial ? "Approved" : "Declined"} the trial of ${trial.serviceCode}`,
      });
      return trial;
    });
    return decided;
  }

  /** Trials waiting for the vendor's decision, oldest first. */
  pending(): Promise<Trial[]> {
    this.ctx.requireVendorAdmin("Only the vendor sees the trials waiting for approval");
    return this.ctx
      .repository(Trial)
      .find({ where: { storedStatus: TrialStatus.PENDING }, order: { requestedAt: "ASC", id: "ASC" }, take: 200 });
  }
}
