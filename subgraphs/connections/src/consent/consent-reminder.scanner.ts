import { MAX_REMINDER_DAYS, REMINDER_SETTINGS_ROUTE } from "@partnergraph/contracts";
import { callRoute, ReminderCandidate, sendReminders } from "@partnergraph/kit";
import { And, DataSource, LessThanOrEqual, MoreThan } from "typeorm";
import { Connection, ConnectionStatus } from "../connection/connection.entity";
import { publish } from "../connection/events";

const DAY_MS = 86_400_000;
const BATCH = 500;

/**
 * Reminds both sides of an ACTIVE connection whose consent ends (the customer that gave it, the partner it was
 * given to), each at its own consent lead times (identity keeps them), each reminder once (kit's ledger, claimed
 * with the ConsentEndApproaching event). Returns how many it sent.
 */
export async function remindConsentEnds(dataSource: DataSource, now = new Date()): Promise<number> {
  const horizon = new Date(now.getTime() + MAX_REMINDER_DAYS * DAY_MS);
  let sent = 0;
  let after = "";
  for (;;) {
    const connections = await dataSource.getRepository(Connection).find({
      where: {
        status: ConnectionStatus.ACTIVE,
        consentUntil: And(MoreThan(now), LessThanOrEqual(horizon)),
        id: MoreThan(after),
      },
      order: { id: "ASC" },
      take: BATCH,
    });
    if (connections.length === 0) break;
    after = connections.at(-1)!.id;
    const { settings } = await callRoute(REMINDER_SETTINGS_ROUTE, {
      organizationIds: [...new Set(connections.flatMap((c) => [c.customerId, c.partnerId]))],
    });
    const candidates: ReminderCandidate[] = connections.flatMap((connection) =>
      [
        { organizationId: connection.customerId, side: "GIVEN" as const, counterpartId: connection.partnerId },
        { organizationId: connection.partnerId, side: "HELD" as const, counterpartId: connection.customerId },
      ].map(({ organizationId, side, counterpartId }) => ({
        key: `consent:${connection.id}:${organizationId}`,
        endsAt: connection.consentUntil!,
        leadDays: settings[organizationId]?.consentDays ?? [],
        publish: (manager, leadDays) =>
          publish(
            manager,
            "ConsentEndApproaching",
            {
              organizationId,
              kind: "CONSENT",
              side,
              itemId: connection.id,
              counterpartId,
              endsAt: connection.consentUntil!.toISOString(),
              leadDays,
            },
            `connection:${connection.partnerId}:${connection.customerId}`,
          ),
      })),
    );
    sent += await sendReminders(dataSource, candidates, now);
  }
  return sent;
}
