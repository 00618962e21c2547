import type { ExpiryApproaching } from "@partnergraph/contracts";
import { forUpdate, kickRelay, startPeriodicJob } from "@partnergraph/kit";
import { And, DataSource, EntityManager, IsNull, LessThanOrEqual, MoreThan } from "typeorm";
import { Entitlement } from "../entitlement/entitlement.entity";
import { Service } from "../service/service.entity";
import { Trial, TrialStatus } from "../trial/trial.entity";
import { publish } from "../events";

export const EXPIRY_NOTICE_DAYS = 14;
const DAY_MS = 86_400_000;

/**
 * Announces, once per item, every ACTIVE trial and entitlement that ends within the next 14 days
 * (and has not ended yet): the item is marked in the same transaction as its ExpiryApproaching event.
 * An entitlement extended by an order is unmarked, so its new expiry is announced in its turn.
 * Returns how many were announced.
 */
export async function announceExpiries(dataSource: DataSource, now = new Date()): Promise<number> {
  const horizon = new Date(now.getTime() + EXPIRY_NOTICE_DAYS * DAY_MS);
  const trials = await dataSource.getRepository(Trial).find({
    where: {
      storedStatus: TrialStatus.ACTIVE,
      expiryAnnouncedAt: IsNull(),
      endsAt: And(MoreThan(now), LessThanOrEqual(horizon)),
    },
  });
  const entitlements = await dataSource
    .getRepository(Entitlement)
    .find({ where: { expiryAnnouncedAt: IsNull(), expiresAt: And(MoreThan(now), LessThanOrEqual(horizon)) } });
  const services = new Map((await dataSource.getRepository(Service).find()).map((s) => [s.code, s.name]));
  let announced = 0;
  for (const candidate of trials) {
    if (
      await announce(
        dataSource,
        Trial,
        candidate.id,
        now,
        (t: Trial) => ({
          organizationId: t.organizationId,
          kind: "TRIAL",
          itemId: t.id,
          serviceCode: t.serviceCode,
          serviceName: services.get(t.serviceCode) ?? t.serviceCode,
          endsAt: t.endsAt!.toISOString(),
        }),
        (t) => t.storedStatus === TrialStatus.ACTIVE && t.endsAt! > now && t.endsAt! <= horizon,
      )
    )
      announced++;
  }
  for (const candidate of entitlements) {
    if (
      await announce(
        dataSource,
        Entitlement,
        candidate.id,
        now,
        (e: Entitlement) => ({
          organizationId: e.organizationId,
          kind: "ENTITLEMENT",
          itemId: e.id,
          serviceCode: e.serviceCode,
          serviceName: services.get(e.serviceCode) ?? e.serviceCode,
          endsAt: e.expiresAt.toISOString(),
        }),
        (e) => e.expiresAt > now && e.expiresAt <= horizon,
      )
    )
      announced++;
  }
  if (announced) kickRelay(dataSource);
  return announced;
}

/** Re-reads the item under a row lock: another scanner (replica) or an order may have got there first. */
async function announce<T extends Trial | Entitlement>(
  dataSource: DataSource,
  entity: new () => T,
  id: string,
  now: Date,
  payload: (item: T) => ExpiryApproaching,
  stillDue: (item: T) => boolean,
): Promise<boolean> {
  return dataSource.transaction(async (manager: EntityManager) => {
    const item = await manager.findOne<T>(entity, { where: { id } as any, lock: forUpdate(manager) });
    if (!item || item.expiryAnnouncedAt || !stillDue(item)) return false;
    await manager.update(entity, { id } as any, { expiryAnnouncedAt: now } as any);
    await publish(manager, "ExpiryApproaching", payload(item));
    return true;
  });
}

/** Runs the scanner every `intervalMs` (not overlapping itself); returns the stopper onStart hands back. */
export function startExpiryScanner(dataSource: DataSource, intervalMs = 60_000): () => Promise<void> {
  return startPeriodicJob("expiry scan", () => announceExpiries(dataSource), intervalMs);
}
