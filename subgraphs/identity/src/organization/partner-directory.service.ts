import { keysetPage, likeContaining, Page, RequestContext } from "@partnergraph/kit";
import { Organization } from "./organization.entity";
import { PartnerDirectoryArgs } from "./organization.inputs";

/**
 * The vendor's list of its partners: every organization enrolled in a partner program (a badge now, or once — a
 * lapsed partner is still the vendor's business), by name. One statement for the page and one for the total,
 * whatever the page size; the page's badges come through the memberships loader in one more.
 */
export class PartnerDirectoryService {
  constructor(private readonly ctx: RequestContext) {}

  page(args: PartnerDirectoryArgs): Promise<Page<Organization>> {
    this.ctx.requireVendorAdmin("Only the vendor's administrators list its partners");
    const search = args.search?.trim();
    const base = () => {
      const qb = this.ctx
        .repository(Organization)
        .createQueryBuilder("o")
        .where("EXISTS (SELECT 1 FROM program_membership m WHERE m.organization_id = o.id)");
      return search ? qb.andWhere("o.name LIKE :pattern ESCAPE '!'", { pattern: likeContaining(search) }) : qb;
    };
    return keysetPage(
      base,
      [
        { column: "o.name", direction: "ASC" },
        { column: "o.id", direction: "ASC" },
      ],
      args,
      (o) => [o.name, o.id],
    );
  }
}
