import { AUDIT_ACTION_NAMES } from "@partnergraph/contracts";
import {
  applyKeyset,
  BadUserInputError,
  decodeCursor,
  Page,
  RequestContext,
  toPage,
  toSqlDateTime,
} from "@partnergraph/kit";
import type { SelectQueryBuilder } from "typeorm";
import { toCsv } from "./audit-csv";
import { AuditEntry } from "./audit-entry.entity";
import type { AuditFilter, AuditLogArgs } from "./audit-filter.input";

const KNOWN_ACTIONS = new Set<string>(AUDIT_ACTION_NAMES);
/** The most entries one CSV export holds: a longer range is exported in parts. */
export const MAX_CSV_ENTRIES = 10_000;
const MAX_ACTIONS = 50;

/** Checks a filter before anything is read: a bad one is refused naming its field. */
function checkedFilter(filter: AuditFilter | null | undefined): AuditFilter {
  if (!filter) return {};
  const unknown = filter.actions?.find((action) => !KNOWN_ACTIONS.has(action));
  if (unknown !== undefined) throw new BadUserInputError("filter.actions", `"${unknown}" is not an audit action`);
  if ((filter.actions?.length ?? 0) > MAX_ACTIONS)
    throw new BadUserInputError("filter.actions", `name at most ${MAX_ACTIONS} actions`);
  if (filter.since && filter.until && filter.since >= filter.until)
    throw new BadUserInputError("filter.until", "until must come after since");
  return filter;
}

/**
 * Who sees which entries: the vendor's administrators all; an organization (its people, or an administrator
 * acting as it) the entries about it and what its own people did, in its name or as another's administrator.
 */
export class AuditEntryService {
  constructor(private readonly ctx: RequestContext) {}

  /** The entries the caller may see, newest first, filtered: one statement for the page, one for the total. */
  async log(args: AuditLogArgs): Promise<Page<AuditEntry>> {
    const caller = this.ctx.requireCaller();
    const organizationId = caller.isVendorAdmin ? null : this.ctx.requireOrganization();
    const filter = checkedFilter(args.filter);
    const after = decodeCursor(args.after, 2);
    const base = () => visibleFiltered(this.ctx.repository(AuditEntry).createQueryBuilder("a"), organizationId, filter);
    const page = applyKeyset(
      base(),
      [
        { column: "a.at", direction: "DESC" },
        { column: "a.id", direction: "DESC" },
      ],
      after,
    ).limit(args.first + 1);
    const [rows, totalCount] = await Promise.all([page.getMany(), base().getCount()]);
    return toPage(rows, args.first, totalCount, (entry) => [toSqlDateTime(entry.at), entry.id]);
  }

  /**
   * The entries of a time range as CSV, oldest first, seen exactly as auditLog sees them. The range is required;
   * one holding more than MAX_CSV_ENTRIES is refused (export it in parts) rather than cut short.
   */
  async csv(filter: AuditFilter): Promise<string> {
    const caller = this.ctx.requireCaller();
    const organizationId = caller.isVendorAdmin ? null : this.ctx.requireOrganization();
    const checked = checkedFilter(filter);
    if (!checked.since) throw new BadUserInputError("filter.since", "a CSV export names the start of its range");
    if (!checked.until) throw new BadUserInputError("filter.until", "a CSV export names the end of its range");
    const rows = await visibleFiltered(this.ctx.repository(AuditEntry).createQueryBuilder("a"), organizationId, checked)
      .orderBy("a.at", "ASC")
      .addOrderBy("a.id", "ASC")
      .limit(MAX_CSV_ENTRIES + 1)
      .getMany();
    if (rows.length > MAX_CSV_ENTRIES)
      throw new BadUserInputError(
        "filter.until",
        `the range holds more than ${MAX_CSV_ENTRIES} entries: export it in shorter parts`,
      );
    return toCsv(rows);
  }
}

/** The organization's entries (all for null: the vendor's administrators) that the filter keeps. */
export function visibleFiltered(
  query: SelectQueryBuilder<AuditEntry>,
  organizationId: string | null,
  filter: AuditFilter,
): SelectQueryBuilder<AuditEntry> {
  let qb = query.where("1 = 1");
  if (organizationId)
    qb = qb.andWhere(
      "(a.target_organization_id = :org OR a.acting_organization_id = :org OR a.actor_organization_id = :org)",
      { org: organizationId },
    );
  if (filter.actions?.length) qb = qb.andWhere("a.action IN (:...actions)", { actions: filter.actions });
  if (filter.actorId) qb = qb.andWhere("a.actor_id = :actorId", { actorId: filter.actorId });
  if (filter.since) qb = qb.andWhere("a.at >= :since", { since: toSqlDateTime(filter.since) });
  if (filter.until) qb = qb.andWhere("a.at < :until", { until: toSqlDateTime(filter.until) });
  return qb;
}
