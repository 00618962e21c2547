import { AUDIT_ACTIONS } from "@partnergraph/contracts";
import {
  BadUserInputError,
  config,
  ConflictError,
  ForbiddenError,
  forUpdate,
  groupByKey,
  isUniqueViolation,
  inTransaction,
  keysetPage,
  newId,
  NotFoundError,
  Page,
  PageArgs,
  recordAudit,
  RequestContext,
  toSqlDateTime,
} from "@partnergraph/kit";
import { EntityManager, In } from "typeorm";
import { publish } from "../events";
import { SalesService } from "../sales/sales.service";
import { CatalogService } from "../service/service.service";
import { ResellRegistration, resellOpenKey, ResellStatus } from "./resell.entity";

export const MAX_REASON_LENGTH = 500;

/** A partner's request to resell a service: PENDING until the vendor's administrators approve or decline it. */
export class ResellService {
  constructor(private readonly ctx: RequestContext) {}

  /** "Resell" on a service tile: a badged partner, acting as itself, asks to resell a resellable service. */
  async request(serviceCode: string): Promise<ResellRegistration> {
    const caller = this.ctx.requireCaller();
    const organizationId = this.ctx.requireOrganization();
    if (!caller.isPartner || organizationId !== caller.homeOrganizationId)
      throw new ForbiddenError("Only a badged partner, acting as itself, asks to resell a service");
    const service = await this.ctx.use(CatalogService).require(serviceCode);
    if (!service.resellable) throw new ForbiddenError(`Partners may not resell ${service.code}`);
    const openKey = resellOpenKey(organizationId, service.code);
    try {
      return await inTransaction(this.ctx.dataSource, async (manager) => {
        const open = await manager.findOne(ResellRegistration, { where: { openKey } });
        if (open) throw alreadyOpen(open);
        const created = manager.create(ResellRegistration, {
          id: newId("RSL"),
          organizationId,
          serviceCode: service.code,
          status: ResellStatus.PENDING,
          openKey,
          requestedByUserId: caller.userId,
          requestedAt: new Date(),
          decidedAt: null,
          decidedByUserId: null,
          reason: null,
        });
        await manager.insert(ResellRegistration, created);
        await publish(
          manager,
          "ResellRequested",
          { ...resellParties(created), requestedAt: created.requestedAt.toISOString() },
          resellAggregate(created),
        );
        await recordAudit(manager, caller, {
          action: AUDIT_ACTIONS.registerToResell,
          subjectType: "ResellRegistration",
          subjectId: created.id,
          targetOrganizationId: organizationId,
          summary: `Asked the vendor to resell ${service.code}`,
        });
        return created;
      });
    } catch (error) {
      // Asked twice at once: the unique open key let one in.
      if (!isUniqueViolation(error)) throw error;
      throw alreadyOpen(await this.ctx.repository(ResellRegistration).findOneByOrFail({ openKey }));
    }
  }

  approve(id: string, reason: string | null | undefined): Promise<ResellRegistration> {
    return this.decide(id, ResellStatus.APPROVED, reason);
  }

  /** Declined, the request closes: the partner may ask again. */
  decline(id: string, reason: string | null | undefined): Promise<ResellRegistration> {
    return this.decide(id, ResellStatus.DECLINED, reason);
  }

  private async decide(
    id: string,
    status: ResellStatus.APPROVED | ResellStatus.DECLINED,
    reasonInput: string | null | undefined,
  ): Promise<ResellRegistration> {
    const caller = this.ctx.requireVendorAdmin(
      "Only the vendor's administrators approve or decline requests to resell",
    );
    const reason = checkedReason(reasonInput);
    return inTransaction(this.ctx.dataSource, async (manager: EntityManager) => {
      const registration = await lockedIn(manager, id, ResellStatus.PENDING);
      Object.assign(registration, {
        status,
        openKey: status === ResellStatus.DECLINED ? null : registration.openKey,
        decidedAt: new Date(),
        decidedByUserId: caller.userId,
        reason,
      });
      await manager.save(registration);
      await publish(
        manager,
        "ResellDecided",
        {
          ...resellParties(registration),
          status,
          reason,
          decidedAt: registration.decidedAt!.toISOString(),
        },
        resellAggregate(registration),
      );
      const approved = status === ResellStatus.APPROVED;
      await recordAudit(manager, caller, {
        action: approved ? AUDIT_ACTIONS.approveResellRegistration : AUDIT_ACTIONS.declineResellRegistration,
        subjectType: "ResellRegistration",
        subjectId: id,
        targetOrganizationId: registration.organizationId,
        summary: `${approved ? "Approved" : "Declined"} the request to resell ${registration.serviceCode}${reason ? `: ${reason}` : ""}`,
      });
      return registration;
    });
  }

  /** The partner takes back its PENDING request (its own, acting as itself); it may ask again. */
  async withdraw(id: string): Promise<ResellRegistration> {
    const caller = this.ctx.requireCaller();
    const organizationId = this.ctx.requireOrganization();
    return inTransaction(this.ctx.dataSource, async (manager) => {
      const registration = await manager.findOne(ResellRegistration, { where: { id }, lock: forUpdate(manager) });
      // Another organization's request, or none: the same answer, telling a stranger nothing.
      if (
        !registration ||
        registration.organizationId !== organizationId ||
        organizationId !== caller.homeOrganizationId
      )
        throw new ForbiddenError("Only the partner that asked withdraws its request to resell, acting as itself");
      assertStatus(registration, ResellStatus.PENDING);
      Object.assign(registration, {
        status: ResellStatus.WITHDRAWN,
        openKey: null,
        decidedAt: new Date(),
        decidedByUserId: caller.userId,
      });
      await manager.save(registration);
      await publish(
        manager,
        "ResellWithdrawn",
        { ...resellParties(registration), withdrawnAt: registration.decidedAt!.toISOString() },
        resellAggregate(registration),
      );
      await recordAudit(manager, caller, {
        action: AUDIT_ACTIONS.withdrawResellRegistration,
        subjectType: "ResellRegistration",
        subjectId: id,
        targetOrganizationId: organizationId,
        summary: `Withdrew the request to resell ${registration.serviceCode}`,
      });
      return registration;
    });
  }

  /** The vendor takes back an APPROVED right, saying why: the partner no longer resells the service, and may ask again. */
  async revoke(id: string, reasonInput: string): Promise<ResellRegistration> {
    const caller = this.ctx.requireVendorAdmin("Only the vendor's administrators revoke a right to resell");
    const reason = checkedReason(reasonInput);
    if (!reason) throw new BadUserInputError("reason", "Say why the right to resell is revoked: the partner is told");
    return inTransaction(this.ctx.dataSource, async (manager) => {
      const registration = await lockedIn(manager, id, ResellStatus.APPROVED);
      Object.assign(registration, {
        status: ResellStatus.REVOKED,
        openKey: null,
        revokedAt: new Date(),
        revokedByUserId: caller.userId,
        revocationReason: reason,
      });
      await manager.save(registration);
      await publish(
        manager,
        "ResellRevoked",
        { ...resellParties(registration), reason, revokedAt: registration.revokedAt!.toISOString() },
        resellAggregate(registration),
      );
      await recordAudit(manager, caller, {
        action: AUDIT_ACTIONS.revokeResellRegistration,
        subjectType: "ResellRegistration",
        subjectId: id,
        targetOrganizationId: registration.organizationId,
        summary: `Revoked the right to resell ${registration.serviceCode}: ${reason}`,
      });
      return registration;
    });
  }

  /** Requests waiting for the vendor's decision, oldest first: one statement for the page and one for the total. */
  pending(args: PageArgs): Promise<Page<ResellRegistration>> {
    this.ctx.requireVendorAdmin("Only the vendor's administrators see the requests to resell waiting for a decision");
    return this.page(ResellStatus.PENDING, "ASC", args);
  }

  /** Every partner's requests, newest first, in one status or all: one statement for the page and one for the total. */
  all(status: ResellStatus | null | undefined, args: PageArgs): Promise<Page<ResellRegistration>> {
    this.ctx.requireVendorAdmin("Only the vendor's administrators see every partner's requests to resell");
    return this.page(status ?? null, "DESC", args);
  }

  private page(
    status: ResellStatus | null,
    direction: "ASC" | "DESC",
    args: PageArgs,
  ): Promise<Page<ResellRegistration>> {
    return keysetPage(
      () => {
        const query = this.ctx.repository(ResellRegistration).createQueryBuilder("r");
        return status ? query.where("r.status = :status", { status }) : query;
      },
      [
        { column: "r.registered_at", direction },
        { column: "r.id", direction },
      ],
      args,
      (r) => [toSqlDateTime(r.requestedAt), r.id],
    );
  }

  /** A partner's requests, newest first, every status; the partner itself and the vendor only. One query per request. */
  async ofPartner(partnerId: string): Promise<ResellRegistration[]> {
    this.ctx.use(SalesService).assertMaySeePartnerFigures(partnerId, "requests to resell");
    return this.ctx
      .loader<string, ResellRegistration[]>("resell-registrations-by-partner", async (ids) =>
        groupByKey(
          ids,
          await this.ctx
            .repository(ResellRegistration)
            .find({ where: { organizationId: In([...ids]) }, order: { requestedAt: "DESC", id: "DESC" } }),
          (r) => r.organizationId,
        ),
      )
      .load(partnerId);
  }
}

/** A request's events (asked, decided) reach support in the order they happened. */
const resellAggregate = (registration: ResellRegistration) => `resell:${registration.id}`;

/** Who a request's events are about. */
const resellParties = (registration: ResellRegistration) => ({
  registrationId: registration.id,
  partnerId: registration.organizationId,
  vendorId: config().vendorOrganizationId,
  serviceCode: registration.serviceCode,
});

/** A reason as stored: trimmed, empty as none, at most MAX_REASON_LENGTH characters (BAD_USER_INPUT naming reason). */
function checkedReason(input: string | null | undefined): string | null {
  const reason = input?.trim() || null;
  if (reason && reason.length > MAX_REASON_LENGTH)
    throw new BadUserInputError("reason", `reason must be at most ${MAX_REASON_LENGTH} characters`);
  return reason;
}

/** The request, locked for the change, which only a request in `status` may undergo (CONFLICT otherwise). */
async function lockedIn(manager: EntityManager, id: string, status: ResellStatus): Promise<ResellRegistration> {
  const registration = await manager.findOne(ResellRegistration, { where: { id }, lock: forUpdate(manager) });
  if (!registration) throw new NotFoundError("Resell registration", id);
  assertStatus(registration, status);
  return registration;
}

function assertStatus(registration: ResellRegistration, status: ResellStatus): void {
  if (registration.status !== status)
    throw new ConflictError(`Resell registration ${registration.id} is ${registration.status}, not ${status}`);
}

function alreadyOpen(open: ResellRegistration): BadUserInputError {
  return new BadUserInputError(
    "serviceCode",
    open.status === ResellStatus.APPROVED
      ? `You may already resell ${open.serviceCode}`
      : `Your request to resell ${open.serviceCode} (${open.id}) is waiting for the vendor's decision`,
  );
}
