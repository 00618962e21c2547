import { groupByKey, newId, RequestContext } from "@partnergraph/kit";
import { EntityManager, In } from "typeorm";
import { Service } from "../service/service.entity";
import { Entitlement, entitlementStatus, EntitlementStatus } from "./entitlement.entity";

/** `months` calendar months after `date` (UTC), clamped to the month's last day: 31 Jan + 1 → 28/29 Feb. */
export function addMonths(date: Date, months: number): Date {
  const target = new Date(
    Date.UTC(
      date.getUTCFullYear(),
      date.getUTCMonth() + months,
      1,
      date.getUTCHours(),
      date.getUTCMinutes(),
      date.getUTCSeconds(),
      date.getUTCMilliseconds(),
    ),
  );
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target;
}

/**
 * An order line's effect, in the order's transaction. While the entitlement is ACTIVE the licenses add
 * up and it runs until the later of its expiry and the new licenses' end (placedAt + termMonths): an
 * add-on never shortens it, and nine quarterly add-ons do not stack into a nine-year term. When there
 * is none yet, or it has EXPIRED, it starts afresh at the order: `quantity` licenses for `termMonths`.
 * (Licenses are not tracked per line: an entitlement is one count and one expiry.)
 * The caller holds the row lock (or is the embedded database's only transaction).
 */
export async function applyLine(
  manager: EntityManager,
  existing: Entitlement | null,
  line: { organizationId: string; service: Service; quantity: number; termMonths: number; placedAt: Date },
): Promise<Entitlement> {
  const { placedAt } = line;
  if (existing && entitlementStatus(existing, placedAt) === EntitlementStatus.ACTIVE) {
    const linesEnd = addMonths(placedAt, line.termMonths);
    existing.licenseCount += line.quantity;
    if (linesEnd.getTime() > existing.expiresAt.getTime()) {
      existing.expiresAt = linesEnd;
      existing.expiryAnnouncedAt = null;
    }
    return manager.save(existing);
  }
  const entitlement =
    existing ??
    manager.create(Entitlement, {
      id: newId("ENT"),
      organizationId: line.organizationId,
      serviceCode: line.service.code,
    });
  Object.assign(entitlement, {
    licenseCount: line.quantity,
    unit: line.service.licenseUnit,
    startsAt: placedAt,
    expiresAt: addMonths(placedAt, line.termMonths),
    expiryAnnouncedAt: null,
  });
  return manager.save(entitlement);
}

export class EntitlementService {
  constructor(private readonly ctx: RequestContext) {}

  /** An organization's entitlements by service name order; one query per request however many organizations. */
  async ofOrganization(organizationId: string): Promise<Entitlement[]> {
    await this.ctx.assertCanSeeArea(organizationId, "ENTITLEMENTS");
    return this.ctx
      .loader<string, Entitlement[]>("entitlements-by-organization", async (ids) => {
        const rows = await this.ctx
          .repository(Entitlement)
          .find({ where: { organizationId: In([...ids]) }, order: { serviceCode: "ASC" } });
        return groupByKey(ids, rows, (e) => e.organizationId);
      })
      .load(organizationId);
  }
}
