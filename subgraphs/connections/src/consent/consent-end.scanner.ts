import { forUpdate, inTransaction, startPeriodicJob } from "@partnergraph/kit";
import { DataSource, IsNull, LessThanOrEqual } from "typeorm";
import { Connection, ConnectionStatus } from "../connection/connection.entity";
import { publish } from "../connection/events";
import { remindConsentEnds } from "./consent-reminder.scanner";

const BATCH = 500;

/**
 * A consent that reached its `until` already shares nothing (the access decision reads `until` live); this tells
 * both sides, once per end: the connection is marked in the same transaction as its ConsentEnded event, under a
 * row lock, so a second scanner (a replica, or a restart mid-run) finds it marked. Returns how many it announced.
 */
export async function announceEndedConsents(dataSource: DataSource, now = new Date()): Promise<number> {
  const due = await dataSource.getRepository(Connection).find({
    select: { id: true },
    where: { status: ConnectionStatus.ACTIVE, consentUntil: LessThanOrEqual(now), consentEndAnnouncedAt: IsNull() },
    take: BATCH,
  });
  let announced = 0;
  for (const { id } of due) {
    const done = await inTransaction(dataSource, async (manager) => {
      const connection = await manager.findOne(Connection, { where: { id }, lock: forUpdate(manager) });
      if (
        !connection ||
        connection.status !== ConnectionStatus.ACTIVE ||
        connection.consentEndAnnouncedAt ||
        !connection.consentUntil ||
        connection.consentUntil > now
      )
        return false;
      await manager.update(Connection, { id }, { consentEndAnnouncedAt: now });
      await publish(
        manager,
        "ConsentEnded",
        {
          connectionId: id,
          partnerId: connection.partnerId,
          customerId: connection.customerId,
          endedAt: connection.consentUntil.toISOString(),
        },
        `connection:${connection.partnerId}:${connection.customerId}`,
      );
      return true;
    });
    if (done) announced++;
  }
  return announced;
}

/** Ended consents first, then the reminders of consents ending; every `intervalMs`, never overlapping. */
export function startConsentEndScanner(dataSource: DataSource, intervalMs = 60_000): () => Promise<void> {
  return startPeriodicJob(
    "consent end scan",
    async () => {
      await announceEndedConsents(dataSource);
      await remindConsentEnds(dataSource);
    },
    intervalMs,
  );
}
