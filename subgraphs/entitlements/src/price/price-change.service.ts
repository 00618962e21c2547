import { AUDIT_ACTIONS } from "@partnergraph/contracts";
import { BadUserInputError, config, inTransaction, newId, recordAudit, RequestContext } from "@partnergraph/kit";
import { Entitlement } from "../entitlement/entitlement.entity";
import { publish } from "../events";
import { CatalogService } from "../service/service.service";
import { AnnouncePriceChangeInput } from "./price-change.inputs";
import { PriceChange } from "./price-change.entity";

export const MAX_SUMMARY_LENGTH = 300;
/** At most this many holders' ids in one PriceChangeAnnounced (~3 KB of its payload). */
export const HOLDERS_PER_EVENT = 200;

export class PriceChangeService {
  constructor(private readonly ctx: RequestContext) {}

  /** The vendor announces a price change: recorded, and told (through support) to every organization holding the service. */
  async announce(input: AnnouncePriceChangeInput): Promise<PriceChange> {
    const caller = this.ctx.requireVendorAdmin("Only the vendor's administrators announce price changes");
    const service = await this.ctx.use(CatalogService).require(input.serviceCode);
    const now = new Date();
    if (!(input.effectiveOn instanceof Date) || Number.isNaN(input.effectiveOn.getTime()) || input.effectiveOn <= now)
      throw new BadUserInputError("effectiveOn", "effectiveOn must be in the future");
    const summary = input.summary.trim();
    if (!summary) throw new BadUserInputError("summary", "summary must not be empty");
    if (summary.length > MAX_SUMMARY_LENGTH)
      throw new BadUserInputError("summary", `summary must be at most ${MAX_SUMMARY_LENGTH} characters`);

    const announced = await inTransaction(this.ctx.dataSource, async (manager) => {
      const priceChange = manager.create(PriceChange, {
        id: newId("PRC"),
        serviceCode: service.code,
        effectiveOn: input.effectiveOn,
        summary,
        announcedByUserId: caller.userId,
        announcedAt: now,
      });
      // Holders as of the announcement (ACTIVE: not yet expired), read in the transaction that publishes them.
      const holders: { organizationId: string }[] = await manager
        .createQueryBuilder(Entitlement, "e")
        .select("DISTINCT e.organization_id", "organizationId")
        .where("e.service_code = :code AND e.expires_at > :now", { code: service.code, now })
        .getRawMany();
      priceChange.holdersTold = holders.length;
      await manager.insert(PriceChange, priceChange);
      // A widely held service has tens of thousands of holders: a bounded share of them per event keeps each
      // payload far inside the outbox's TEXT column and each notice batch's transaction small.
      const holderIds = holders.map((h) => h.organizationId).sort();
      for (let start = 0; start < holderIds.length; start += HOLDERS_PER_EVENT)
        await publish(manager, "PriceChangeAnnounced", {
          priceChangeId: priceChange.id,
          serviceCode: service.code,
          serviceName: service.name,
          effectiveOn: priceChange.effectiveOn.toISOString(),
          summary,
          holderIds: holderIds.slice(start, start + HOLDERS_PER_EVENT),
          announcedAt: priceChange.announcedAt.toISOString(),
        });
      await recordAudit(manager, caller, {
        action: AUDIT_ACTIONS.announcePriceChange,
        subjectType: "PriceChange",
        subjectId: priceChange.id,
        targetOrganizationId: config().vendorOrganizationId,
        summary: `Announced a price change of ${service.code} from ${priceChange.effectiveOn.toISOString().slice(0, 10)} to ${holders.length} holder${holders.length === 1 ? "" : "s"}`,
      });
      return priceChange;
    });
    return announced;
  }
}
