import { MAX_REMINDER_DAYS } from "@partnergraph/contracts";
import { ReminderCandidate, sendReminders, startPeriodicJob } from "@partnergraph/kit";
import { And, DataSource, In, LessThanOrEqual, MoreThan } from "typeorm";
import { AdministratorGrant, GrantStatus } from "../administrator/grant.entity";
import { publish } from "../events";
import { User } from "../user/user.entity";
import { leadTimesOf } from "./reminder-settings.service";

const DAY_MS = 86_400_000;
const BATCH = 500;

/**
 * Reminds both sides of an administrator grant that ends (the end its customer chose): the customer that gave it
 * and the organization of the person who holds it, each at its own grant lead times, each reminder once (kit's
 * ledger, claimed in the same transaction as the GrantEndApproaching event). Returns how many it sent.
 */
export async function announceGrantEnds(dataSource: DataSource, now = new Date()): Promise<number> {
  const horizon = new Date(now.getTime() + MAX_REMINDER_DAYS * DAY_MS);
  let sent = 0;
  let after = "";
  for (;;) {
    const grants = await dataSource.getRepository(AdministratorGrant).find({
      where: {
        status: In([GrantStatus.PENDING, GrantStatus.ACCEPTED]),
        endsAt: And(MoreThan(now), LessThanOrEqual(horizon)),
        id: MoreThan(after),
      },
      order: { id: "ASC" },
      take: BATCH,
    });
    if (grants.length === 0) break;
    after = grants.at(-1)!.id;
    const granteeIds = grants.flatMap((g) => (g.granteeUserId ? [g.granteeUserId] : []));
    const grantees = new Map(
      (granteeIds.length ? await dataSource.getRepository(User).find({ where: { id: In(granteeIds) } }) : []).map(
        (u) => [u.id, u.organizationId],
      ),
    );
    const holderOf = (g: AdministratorGrant) => (g.granteeUserId ? (grantees.get(g.granteeUserId) ?? null) : null);
    const settings = await leadTimesOf(dataSource, [
      ...new Set(grants.flatMap((g) => [g.organizationId, ...(holderOf(g) ? [holderOf(g)!] : [])])),
    ]);
    const candidates: ReminderCandidate[] = grants.flatMap((grant) => {
      const holder = holderOf(grant);
      const sides = [
        { organizationId: grant.organizationId, side: "GIVEN" as const, counterpartId: holder },
        ...(holder ? [{ organizationId: holder, side: "HELD" as const, counterpartId: grant.organizationId }] : []),
      ];
      return sides.map(({ organizationId, side, counterpartId }) => ({
        key: `grant:${grant.id}:${organizationId}`,
        endsAt: grant.endsAt!,
        leadDays: settings.get(organizationId)?.grantDays ?? [],
        publish: (manager, leadDays) =>
          publish(manager, "GrantEndApproaching", {
            organizationId,
            kind: "GRANT",
            side,
            itemId: grant.id,
            counterpartId,
            endsAt: grant.endsAt!.toISOString(),
            leadDays,
          }),
      }));
    });
    sent += await sendReminders(dataSource, candidates, now);
  }
  return sent;
}

export function startGrantEndScanner(dataSource: DataSource, intervalMs = 60_000): () => Promise<void> {
  return startPeriodicJob("grant end scan", () => announceGrantEnds(dataSource), intervalMs);
}
