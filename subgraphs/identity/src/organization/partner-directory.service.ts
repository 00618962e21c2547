import { keysetPage, likeContaining, Page, RequestContext, toSqlDateTime } from "@partnergraph/kit";
import { ACTIVE_MEMBERSHIP_SQL } from "../program/membership.entity";
import { Organization } from "./organization.entity";
import { PartnerDirectoryArgs } from "./organization.inputs";

/**
 * The vendor's list of its partners: every organization enrolled in a partner program (a badge now, or once — a
 * lapsed partner is still the vendor's business), by name; or only those holding a badge now in a program, of a tier,
 * or both. One statement for the page and one for the total,
 * whatever the page size; the page's badges come through the memberships loader in one more.
 */
export class PartnerDirectoryService {
  constructor(private readonly ctx: RequestContext) {}

  page(args: PartnerDirectoryArgs): Promise<Page<Organization>> {
    this.ctx.requireVendorAdmin("Only the vendor's administrators list its partners");
    const search = args.search?.trim();
    const { program, tier } = args;
    // Enrolled once, or — filtered by a badge — holding it now.
    const membership = ["m.organization_id = o.id"];
    if (program || tier) membership.push(ACTIVE_MEMBERSHIP_SQL);
    if (program) membership.push("m.program = :program");
    if (tier) membership.push("m.tier = :tier");
    const now = toSqlDateTime(new Date());
    const base = () => {
      const qb = this.ctx
        .repository(Organization)
        .createQueryBuilder("o")
        .where(`EXISTS (SELECT 1 FROM program_membership m WHERE ${membership.join(" AND ")})`, { now, program, tier });
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
