import { CONNECTED_CUSTOMERS_ROUTE } from "@partnergraph/contracts";
import { callRoute, keysetPage, Page, PageArgs, RequestContext, SortKey, toSqlDateTime } from "@partnergraph/kit";
import { SelectQueryBuilder } from "typeorm";
import { Entitlement } from "../entitlement/entitlement.entity";
import { PriceChange } from "./price-change.entity";

const NEWEST_FIRST: SortKey[] = [
  { column: "p.announced_at", direction: "DESC" },
  { column: "p.id", direction: "DESC" },
];

/**
 * Who sees which price announcements: the vendor's administrators all of them; anyone else those of the services
 * held (an ACTIVE entitlement) by the organization it acts as, or, for a badged partner acting as itself, by the
 * customers it is ACTIVE-connected to that share their entitlements (the access decision's rule for that area).
 */
export class PriceChangeListService {
  private organizations?: Promise<string[]>;

  constructor(private readonly ctx: RequestContext) {}

  /** Newest first, keyset paged: one statement for the page and one for the total, whatever the page size. */
  async list(args: PageArgs): Promise<Page<PriceChange>> {
    const caller = this.ctx.requireCaller();
    const base = () => this.ctx.repository(PriceChange).createQueryBuilder("p");
    const keyOf = (p: PriceChange) => [toSqlDateTime(p.announcedAt), p.id];
    if (caller.isVendorAdmin) return keysetPage(base, NEWEST_FIRST, args, keyOf);
    const organizations = await this.concernedOrganizations();
    const now = new Date();
    const held = this.holdings(organizations, now).select("DISTINCT e.service_code");
    return keysetPage(
      () => base().where(`p.service_code IN (${held.getQuery()})`).setParameters(held.getParameters()),
      NEWEST_FIRST,
      args,
      keyOf,
    );
  }

  /**
   * Of the organizations the caller acts for here, those holding the announcement's service: one statement per
   * request for every announcement of the page. None for the vendor, which sees how many were told instead.
   */
  async concerns(priceChange: PriceChange): Promise<string[]> {
    if (this.ctx.requireCaller().isVendorAdmin) return [];
    return this.ctx
      .loader<string, string[]>("price-change-concerns", async (serviceCodes) => {
        const organizations = await this.concernedOrganizations();
        const rows: { organizationId: string; serviceCode: string }[] = await this.holdings(organizations, new Date())
          .select("DISTINCT e.organization_id", "organizationId")
          .addSelect("e.service_code", "serviceCode")
          .andWhere("e.service_code IN (:...serviceCodes)", { serviceCodes: [...serviceCodes] })
          .orderBy("e.organization_id")
          .getRawMany();
        return serviceCodes.map((code) => rows.filter((r) => r.serviceCode === code).map((r) => r.organizationId));
      })
      .load(priceChange.serviceCode);
  }

  /** Only the vendor's administrators see who announced and how many holders were told. */
  assertVendor(what: string): void {
    this.ctx.requireVendorAdmin(`Only the vendor's administrators see ${what} of a price announcement`);
  }

  /** ACTIVE entitlements of these organizations (none when the list is empty). */
  private holdings(organizationIds: string[], now: Date): SelectQueryBuilder<Entitlement> {
    const qb = this.ctx
      .repository(Entitlement)
      .createQueryBuilder("e")
      .where("e.expires_at > :heldAt", { heldAt: now });
    return organizationIds.length
      ? qb.andWhere("e.organization_id IN (:...holderIds)", { holderIds: organizationIds })
      : qb.andWhere("1 = 0");
  }

  /** The acting organization, and for a badged partner acting as itself its connected customers sharing entitlements. */
  private concernedOrganizations(): Promise<string[]> {
    return (this.organizations ??= (async () => {
      const caller = this.ctx.requireCaller();
      const acting = this.ctx.requireOrganization();
      if (!caller.isPartner) return [acting];
      const { customers } = await callRoute(CONNECTED_CUSTOMERS_ROUTE, { partnerIds: [acting], area: "ENTITLEMENTS" });
      return [acting, ...(customers[acting] ?? [])];
    })());
  }
}
