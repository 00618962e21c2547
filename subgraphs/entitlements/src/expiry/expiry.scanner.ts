import { ExpiryApproaching, MAX_REMINDER_DAYS, REMINDER_SETTINGS_ROUTE } from "@partnergraph/contracts";
import { callRoute, sendReminders, startPeriodicJob } from "@partnergraph/kit";
import { And, DataSource, LessThanOrEqual, MoreThan } from "typeorm";
import { Entitlement } from "../entitlement/entitlement.entity";
import { publish } from "../events";
import { Service } from "../service/service.entity";
import { Trial, TrialStatus } from "../trial/trial.entity";

const DAY_MS = 86_400_000;
const BATCH = 1000;

interface Ending {
  organizationId: string;
  key: string;
  leadKind: "trialDays" | "entitlementDays";
  endsAt: Date;
  payload: (leadDays: number) => ExpiryApproaching;
}

/**
 * Reminds each organization of its ACTIVE trials and entitlements ending, at the lead times it chose (identity
 * keeps them; asked once per scan for every organization concerned): one ExpiryApproaching per item, end and lead
 * time, never twice. The reminder's key is claimed in the same transaction as its event (kit's reminder ledger),
 * so a second scanner, a rerun on the same day or a restart sends nothing again; an entitlement an order extends
 * has a new end, so its reminders come again before that end. Returns how many reminders it sent.
 */
export async function announceExpiries(dataSource: DataSource, now = new Date()): Promise<number> {
  const horizon = new Date(now.getTime() + MAX_REMINDER_DAYS * DAY_MS);
  const names = new Map((await dataSource.getRepository(Service).find()).map((s) => [s.code, s.name]));
  let sent = 0;
  // Pages by id through everything ending within the longest lead time anyone may choose.
  for (const read of [endingTrials, endingEntitlements]) {
    let after = "";
    for (;;) {
      const items = await read(dataSource, now, horizon, after, names);
      if (items.length === 0) break;
      sent += await remind(dataSource, items, now);
      after = items.at(-1)!.id;
    }
  }
  return sent;
}

type Read = (
  dataSource: DataSource,
  now: Date,
  horizon: Date,
  after: string,
  names: Map<string, string>,
) => Promise<(Ending & { id: string })[]>;

const endingTrials: Read = async (dataSource, now, horizon, after, names) =>
  (
    await dataSource.getRepository(Trial).find({
      where: {
        storedStatus: TrialStatus.ACTIVE,
        endsAt: And(MoreThan(now), LessThanOrEqual(horizon)),
        id: MoreThan(after),
      },
      order: { id: "ASC" },
      take: BATCH,
    })
  ).map((t) => ({
    id: t.id,
    organizationId: t.organizationId,
    key: `trial:${t.id}`,
    leadKind: "trialDays" as const,
    endsAt: t.endsAt!,
    payload: (leadDays: number): ExpiryApproaching => ({
      organizationId: t.organizationId,
      kind: "TRIAL",
      itemId: t.id,
      serviceCode: t.serviceCode,
      serviceName: names.get(t.serviceCode) ?? t.serviceCode,
      endsAt: t.endsAt!.toISOString(),
      leadDays,
    }),
  }));

const endingEntitlements: Read = async (dataSource, now, horizon, after, names) =>
  (
    await dataSource.getRepository(Entitlement).find({
      where: { expiresAt: And(MoreThan(now), LessThanOrEqual(horizon)), id: MoreThan(after) },
      order: { id: "ASC" },
      take: BATCH,
    })
  ).map((e) => ({
    id: e.id,
    organizationId: e.organizationId,
    key: `entitlement:${e.id}`,
    leadKind: "entitlementDays" as const,
    endsAt: e.expiresAt,
    payload: (leadDays: number): ExpiryApproaching => ({
      organizationId: e.organizationId,
      kind: "ENTITLEMENT",
      itemId: e.id,
      serviceCode: e.serviceCode,
      serviceName: names.get(e.serviceCode) ?? e.serviceCode,
      endsAt: e.expiresAt.toISOString(),
      leadDays,
    }),
  }));

/** One page: the organizations' lead times in one call, then the kit sends what is due, each once. */
async function remind(dataSource: DataSource, items: Ending[], now: Date): Promise<number> {
  const { settings } = await callRoute(REMINDER_SETTINGS_ROUTE, {
    organizationIds: [...new Set(items.map((i) => i.organizationId))],
  });
  return sendReminders(
    dataSource,
    items.map((item) => ({
      key: item.key,
      endsAt: item.endsAt,
      leadDays: settings[item.organizationId]?.[item.leadKind] ?? [],
      publish: (manager, leadDays) => publish(manager, "ExpiryApproaching", item.payload(leadDays)),
    })),
    now,
  );
}

/** Runs the scanner every `intervalMs` (not overlapping itself); returns the stopper onStart hands back. */
export function startExpiryScanner(dataSource: DataSource, intervalMs = 60_000): () => Promise<void> {
  return startPeriodicJob("expiry scan", () => announceExpiries(dataSource), intervalMs);
}
