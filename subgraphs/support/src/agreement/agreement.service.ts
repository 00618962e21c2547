import { AUDIT_ACTIONS, PARTNER_STANDING_ROUTE } from "@partnergraph/contracts";
import {
  isAccountAdministrator,
  BadUserInputError,
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
  toSqlDateTime,
} from "@partnergraph/kit";
import { randomInt } from "node:crypto";
import { EntityManager, In, IsNull } from "typeorm";
import {
  IncidentPack,
  NamedSupportContact,
  PartnerSupportAgreement,
  PartnerSupportCase,
  SupportPin,
} from "./agreement.entity";
import {
  CreatePartnerSupportAgreementInput,
  NameSupportContactInput,
  OpenPartnerSupportCaseInput,
  PurchaseIncidentPackInput,
} from "./agreement.inputs";
import { CASE_REVIEW_THRESHOLD, SUPPORT_TIERS } from "./agreement.tiers";
import { productName, uncertifiedCodes } from "./certified-products";

const addYear = (date: Date) => {
  const end = new Date(date);
  end.setUTCFullYear(end.getUTCFullYear() + 1);
  return end;
};

export interface PoolUsage {
  purchased: number;
  used: number;
}

/** Whether a case review may be asked for: at least 80% of the pool used. */
export const reviewAllowed = ({ purchased, used }: PoolUsage) =>
  purchased > 0 && used >= purchased * CASE_REVIEW_THRESHOLD;

export class AgreementService {
  constructor(private readonly ctx: RequestContext) {}

  /** The partner itself and the vendor's administrators see a partner's agreements. */
  private assertMaySee(partnerId: string): void {
    const caller = this.ctx.requireCaller();
    if (!caller.isVendorAdmin && caller.organizationId !== partnerId)
      throw new ForbiddenError("Only the partner and the vendor see its support agreement");
  }

  /** The agreement covering now (or `at`) of a partner; null when it has none. */
  async current(partnerId: string | null | undefined, at = new Date()): Promise<PartnerSupportAgreement | null> {
    const id = partnerId ?? this.ctx.requireOrganization();
    this.assertMaySee(id);
    return this.ctx
      .repository(PartnerSupportAgreement)
      .createQueryBuilder("a")
      .where("a.partner_id = :id AND a.period_start <= :at AND a.period_end > :at", { id, at: toSqlDateTime(at) })
      .getOne();
  }

  async all(partnerId: string | null | undefined): Promise<PartnerSupportAgreement[]> {
    const id = partnerId ?? this.ctx.requireOrganization();
    this.assertMaySee(id);
    return this.ctx
      .repository(PartnerSupportAgreement)
      .find({ where: { partnerId: id }, order: { periodStart: "DESC" } });
  }

  private async find(manager: EntityManager, id: string): Promise<PartnerSupportAgreement> {
    const agreement = await manager.findOne(PartnerSupportAgreement, { where: { id }, lock: forUpdate(manager) });
    const caller = this.ctx.requireCaller();
    if (!agreement || (!caller.isVendorAdmin && caller.organizationId !== agreement.partnerId))
      throw new NotFoundError("Partner support agreement", id);
    return agreement;
  }

  /**
   * Vendor admin: a new membership year starts from the tier's base pool; nothing rolls over.
   * The tier is not taken on trust: identity must report an ACTIVE membership of exactly that tier
   * (the partner's highest) at periodStart.
   */
  async create(input: CreatePartnerSupportAgreementInput): Promise<PartnerSupportAgreement> {
    this.ctx.requireVendorAdmin("Only the vendor's administrators may create partner support agreements");
    const caller = this.ctx.requireCaller();
    const policy = SUPPORT_TIERS[input.tier];
    if (policy.annualFee !== null && input.annualFee != null && input.annualFee !== policy.annualFee) {
      throw new BadUserInputError(
        "annualFee",
        `The ${input.tier} support fee is fixed at ${policy.annualFee / 100} ${policy.currency} a year`,
      );
    }
    const periodStart = input.periodStart ?? new Date();
    const periodEnd = addYear(periodStart);
    const day = periodStart.toISOString().slice(0, 10);
    const { membership } = await callRoute(PARTNER_STANDING_ROUTE, {
      partnerId: input.partnerId,
      at: periodStart.toISOString(),
    });
    if (!membership)
      throw new BadUserInputError(
        "partnerId",
        `${input.partnerId} holds no active partner program membership on ${day}`,
      );
    if (membership.tier !== input.tier) {
      const holds = membership.tier ? `holds ${membership.tier}` : `holds ${membership.program} without a tier`;
      throw new BadUserInputError("tier", `${input.partnerId} ${holds} on ${day}, not ${input.tier}`);
    }
    const created = await inTransaction(this.ctx.dataSource, async (manager) => {
      const overlapping = await manager
        .createQueryBuilder(PartnerSupportAgreement, "a")
        .where("a.partner_id = :partnerId AND a.period_start < :end AND a.period_end > :start", {
          partnerId: input.partnerId,
          start: toSqlDateTime(periodStart),
          end: toSqlDateTime(periodEnd),
        })
        .getOne();
      if (overlapping) {
        throw new ConflictError(
          `The partner already has an agreement for ${overlapping.periodStart.toISOString().slice(0, 10)} – ${overlapping.periodEnd.toISOString().slice(0, 10)}`,
        );
      }
      const agreement = await manager.save(
        manager.create(PartnerSupportAgreement, {
          id: newId("PSA"),
          partnerId: input.partnerId,
          tier: input.tier,
          periodStart,
          periodEnd,
          baseIncidents: input.incidents ?? policy.defaultIncidents,
          annualFee: policy.annualFee ?? input.annualFee ?? 0,
          currency: policy.currency,
          createdByUserId: caller.userId,
          createdAt: new Date(),
        }),
      );
      await recordAudit(manager, caller, {
        action: AUDIT_ACTIONS.createPartnerSupportAgreement,
        subjectType: "PartnerSupportAgreement",
        subjectId: agreement.id,
        targetOrganizationId: agreement.partnerId,
        summary: `Created the ${agreement.tier} support agreement from ${day} with ${agreement.baseIncidents} incidents`,
      });
      return agreement;
    });
    return created;
  }

  /**
   * Vendor admin names a certified person of the agreement's partner. Their PIN is theirs for good: a PIN
   * issued to someone else is refused (never transferable); a person keeps their PIN across years.
   */
  async nameContact(input: NameSupportContactInput): Promise<NamedSupportContact> {
    this.ctx.requireVendorAdmin("Only the vendor's administrators may name partners' support contacts");
    const found = await this.ctx
      .repository(PartnerSupportAgreement)
      .findOne({ select: { id: true, partnerId: true }, where: { id: input.agreementId } });
    if (!found) throw new NotFoundError("Partner support agreement", input.agreementId);
    // Asked before the transaction: no locks held across a call to identity (an agreement's partner never changes).
    const { person } = await callRoute(PARTNER_STANDING_ROUTE, {
      partnerId: found.partnerId,
      at: new Date().toISOString(),
      userId: input.userId,
    });
    if (!person?.member) throw new BadUserInputError("userId", `${input.userId} is not a person of ${found.partnerId}`);
    if (person.certifiedProducts.length === 0)
      throw new BadUserInputError("certifiedProducts", `${input.userId} holds no current certification`);
    // Each stated code must be a current certification of the person, matched by catalog name (certified-products.ts); unknown codes are refused.
    const uncovered = uncertifiedCodes([...new Set(input.certifiedProducts)], person.certifiedProducts);
    if (uncovered.length > 0) {
      const names = uncovered.map((code) => `${code} (${productName(code) ?? "not a certifiable product"})`);
      throw new BadUserInputError(
        "certifiedProducts",
        `${input.userId} is not currently certified in ${names.join(", ")}; current: ${person.certifiedProducts.join(", ")}`,
      );
    }
    const named = await inTransaction(this.ctx.dataSource, async (manager) => {
      const agreement = await this.find(manager, input.agreementId);
      const held = await manager.findOne(SupportPin, { where: { userId: input.userId } });
      if (input.pin) {
        const owner = await manager.findOne(SupportPin, { where: { pin: input.pin } });
        if (owner && owner.userId !== input.userId) {
          throw new ConflictError(`PIN ${input.pin} belongs to another person: a support PIN is never transferable`);
        }
        if (held && held.pin !== input.pin)
          throw new BadUserInputError("pin", `This person already holds PIN ${held.pin}`);
      }
      let pin = held?.pin ?? input.pin ?? null;
      if (!held) {
        pin ??= String(randomInt(10_000_000, 100_000_000));
        await manager.insert(SupportPin, {
          pin,
          userId: input.userId,
          partnerId: agreement.partnerId,
          createdAt: new Date(),
        });
      }
      const products = [...new Set(input.certifiedProducts)];
      const contact = await manager
        .save(
          manager.create(NamedSupportContact, {
            id: newId("NSC"),
            agreementId: agreement.id,
            userId: input.userId,
            pin: pin!,
            certifiedProducts: products,
            createdAt: new Date(),
          }),
        )
        .catch((error) => {
          if (isUniqueViolation(error))
            throw new ConflictError("This person is already a named contact of the agreement");
          throw error;
        });
      await recordAudit(manager, this.ctx.caller, {
        action: AUDIT_ACTIONS.nameSupportContact,
        subjectType: "NamedSupportContact",
        subjectId: contact.id,
        targetOrganizationId: agreement.partnerId,
        summary: `Named ${input.userId} support contact of agreement ${agreement.id} for ${products.join(", ")}`,
      });
      return contact;
    });
    return named;
  }

  /** Vendor admin removes a named contact; the PIN stays with the person and is not reissued. */
  async removeContact(agreementId: string, userId: string): Promise<NamedSupportContact> {
    this.ctx.requireVendorAdmin("Only the vendor's administrators may remove partners' support contacts");
    const removed = await inTransaction(this.ctx.dataSource, async (manager) => {
      const agreement = await this.find(manager, agreementId);
      const contact = await manager.findOne(NamedSupportContact, { where: { agreementId, userId } });
      if (!contact) throw new NotFoundError("Named support contact", userId);
      await manager.delete(NamedSupportContact, { id: contact.id });
      await recordAudit(manager, this.ctx.caller, {
        action: AUDIT_ACTIONS.removeSupportContact,
        subjectType: "NamedSupportContact",
        subjectId: contact.id,
        targetOrganizationId: agreement.partnerId,
        summary: `Removed ${userId} as support contact of agreement ${agreement.id}`,
      });
      return contact;
    });
    return removed;
  }

  /** Add-on incidents: only during the agreement's period, only on top of a base agreement. */
  async purchasePack(input: PurchaseIncidentPackInput): Promise<PartnerSupportAgreement> {
    const caller = this.ctx.requireCaller();
    const now = new Date();
    const agreementId = input.agreementId ?? (await this.current(null, now))?.id;
    if (!agreementId)
      throw new ConflictError(
        "Add-on incident packs are sold only on top of a support agreement for the current membership period",
      );
    const bought = await inTransaction(this.ctx.dataSource, async (manager) => {
      const agreement = await this.find(manager, agreementId);
      if (!caller.isVendorAdmin && !isAccountAdministrator(caller))
        throw new ForbiddenError("Only the partner's administrators buy incident packs");
      if (now < agreement.periodStart || now >= agreement.periodEnd) {
        throw new ConflictError("Add-on incident packs can be bought only during the agreement's membership period");
      }
      const packId = newId("PCK");
      await manager.insert(IncidentPack, {
        id: packId,
        agreementId: agreement.id,
        incidents: input.incidents,
        purchasedByUserId: caller.userId,
        purchasedAt: now,
      });
      await recordAudit(manager, caller, {
        action: AUDIT_ACTIONS.purchaseIncidentPack,
        subjectType: "IncidentPack",
        subjectId: packId,
        targetOrganizationId: agreement.partnerId,
        summary: `Bought ${input.incidents} add-on incidents for agreement ${agreement.id}`,
      });
      return agreement;
    });
    return bought;
  }

  /** A named contact opens a case with their own PIN, for a product they are certified in, while the pool lasts. */
  async openCase(input: OpenPartnerSupportCaseInput): Promise<PartnerSupportCase> {
    const caller = this.ctx.requireCaller();
    const current = await this.current(null);
    if (!current) throw new ConflictError("Your organization has no support agreement for the current period");
    const opened = await inTransaction(this.ctx.dataSource, async (manager) => {
      const agreement = await this.find(manager, current.id);
      const contact = await manager.findOne(NamedSupportContact, {
        where: { agreementId: agreement.id, pin: input.pin },
      });
      if (!contact || contact.userId !== caller.userId)
        throw new ForbiddenError("Open a case with your own PIN as a named contact of the agreement");
      if (!contact.certifiedProducts.includes(input.serviceCode)) {
        throw new BadUserInputError(
          "serviceCode",
          `You are certified in ${contact.certifiedProducts.join(", ")}; support covers only those products`,
        );
      }
      const usage = await this.usageIn(manager, agreement.id);
      if (usage.used >= usage.purchased)
        throw new ConflictError(`All ${usage.purchased} incidents of the pool are used: buy an add-on pack`);
      const supportCase = await manager.save(
        manager.create(PartnerSupportCase, {
          id: newId("PSC"),
          agreementId: agreement.id,
          pin: contact.pin,
          userId: caller.userId,
          serviceCode: input.serviceCode,
          title: input.title.trim(),
          productBug: false,
          creditedAt: null,
          openedAt: new Date(),
        }),
      );
      await recordAudit(manager, caller, {
        action: AUDIT_ACTIONS.openPartnerSupportCase,
        subjectType: "PartnerSupportCase",
        subjectId: supportCase.id,
        targetOrganizationId: agreement.partnerId,
        summary: `Opened the ${input.serviceCode} support case "${supportCase.title}"`,
      });
      return supportCase;
    });
    return opened;
  }

  /** Vendor support finds a case was a product bug: it still counts until a case review. */
  async markProductBug(caseId: string): Promise<PartnerSupportCase> {
    this.ctx.requireVendorAdmin("Only the vendor's administrators may classify support cases");
    const marked = await inTransaction(this.ctx.dataSource, async (manager) => {
      // The agreement is locked before its case, in the order a case review takes them.
      const agreementId = (await manager.findOne(PartnerSupportCase, { where: { id: caseId } }))?.agreementId;
      if (!agreementId) throw new NotFoundError("Partner support case", caseId);
      const agreement = await this.find(manager, agreementId);
      const found = await manager.findOneOrFail(PartnerSupportCase, {
        where: { id: caseId },
        lock: forUpdate(manager),
      });
      found.productBug = true;
      await manager.save(found);
      await recordAudit(manager, this.ctx.caller, {
        action: AUDIT_ACTIONS.markSupportCaseProductBug,
        subjectType: "PartnerSupportCase",
        subjectId: found.id,
        targetOrganizationId: agreement.partnerId,
        summary: `Marked the support case "${found.title}" a product bug`,
      });
      return found;
    });
    return marked;
  }

  /** Once ≥ 80% of the pool is used, credits the agreement's product-bug cases back (same contract year only). */
  async requestCaseReview(agreementId: string | null | undefined): Promise<PartnerSupportAgreement> {
    const caller = this.ctx.requireCaller();
    const id = agreementId ?? (await this.current(null))?.id;
    if (!id) throw new NotFoundError("Partner support agreement for the current period");
    const reviewed = await inTransaction(this.ctx.dataSource, async (manager) => {
      const agreement = await this.find(manager, id);
      if (!caller.isVendorAdmin && !isAccountAdministrator(caller))
        throw new ForbiddenError("Only the partner's administrators request a case review");
      const usage = await this.usageIn(manager, agreement.id);
      if (!reviewAllowed(usage)) {
        throw new ConflictError(
          `A case review needs ${CASE_REVIEW_THRESHOLD * 100}% of the pool used; ${usage.used} of ${usage.purchased} are`,
        );
      }
      const credited = await manager.update(
        PartnerSupportCase,
        { agreementId: agreement.id, productBug: true, creditedAt: IsNull() },
        { creditedAt: new Date() },
      );
      await recordAudit(manager, caller, {
        action: AUDIT_ACTIONS.requestCaseReview,
        subjectType: "PartnerSupportAgreement",
        subjectId: agreement.id,
        targetOrganizationId: agreement.partnerId,
        summary: `Case review: ${credited.affected ?? 0} product-bug case${credited.affected === 1 ? "" : "s"} credited back to the pool`,
      });
      return agreement;
    });
    return reviewed;
  }

  private async usageIn(manager: EntityManager, agreementId: string): Promise<PoolUsage> {
    const [agreement, packs, used] = await Promise.all([
      manager.findOneOrFail(PartnerSupportAgreement, { where: { id: agreementId } }),
      manager.find(IncidentPack, { where: { agreementId } }),
      manager.count(PartnerSupportCase, { where: { agreementId, creditedAt: IsNull() } }),
    ]);
    return { purchased: agreement.baseIncidents + packs.reduce((sum, p) => sum + p.incidents, 0), used };
  }

  /** Pool figures of many agreements in two statements. */
  usage(agreement: PartnerSupportAgreement): Promise<PoolUsage> {
    return this.ctx
      .loader<string, PoolUsage>("pool-usage", async (ids) => {
        const [agreements, packs, cases] = await Promise.all([
          this.ctx.repository(PartnerSupportAgreement).find({ where: { id: In([...ids]) } }),
          this.ctx.repository(IncidentPack).find({ where: { agreementId: In([...ids]) } }),
          this.ctx.repository(PartnerSupportCase).find({
            select: { id: true, agreementId: true },
            where: { agreementId: In([...ids]), creditedAt: IsNull() },
          }),
        ]);
        return ids.map((id) => ({
          purchased:
            (agreements.find((a) => a.id === id)?.baseIncidents ?? 0) +
            packs.filter((p) => p.agreementId === id).reduce((sum, p) => sum + p.incidents, 0),
          used: cases.filter((c) => c.agreementId === id).length,
        }));
      })
      .load(agreement.id);
  }

  namedContacts(agreement: PartnerSupportAgreement): Promise<NamedSupportContact[]> {
    return this.ctx
      .loader<string, NamedSupportContact[]>("named-contacts", async (ids) =>
        groupByKey(
          ids,
          await this.ctx
            .repository(NamedSupportContact)
            .find({ where: { agreementId: In([...ids]) }, order: { createdAt: "ASC", id: "ASC" } }),
          (c) => c.agreementId,
        ),
      )
      .load(agreement.id);
  }

  cases(agreement: PartnerSupportAgreement): Promise<PartnerSupportCase[]> {
    return this.ctx
      .loader<string, PartnerSupportCase[]>("support-cases", async (ids) =>
        groupByKey(
          ids,
          await this.ctx
            .repository(PartnerSupportCase)
            .find({ where: { agreementId: In([...ids]) }, order: { openedAt: "ASC", id: "ASC" } }),
          (c) => c.agreementId,
        ),
      )
      .load(agreement.id);
  }

  packs(agreement: PartnerSupportAgreement): Promise<IncidentPack[]> {
    return this.ctx
      .loader<string, IncidentPack[]>("incident-packs", async (ids) =>
        groupByKey(
          ids,
          await this.ctx
            .repository(IncidentPack)
            .find({ where: { agreementId: In([...ids]) }, order: { purchasedAt: "ASC", id: "ASC" } }),
          (p) => p.agreementId,
        ),
      )
      .load(agreement.id);
  }
}
