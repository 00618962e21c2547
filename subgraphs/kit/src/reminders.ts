import { Column, DataSource, Entity, EntityManager, In, Index, PrimaryColumn, QueryRunner } from "typeorm";
import { isUniqueViolation } from "./database";
import type { DayRetention } from "./day-retention";
import { inTransaction } from "./transaction";

const DAY_MS = 86_400_000;

/** The longest lead time an organization may choose: scanners look this far ahead. */
export const MAX_REMINDER_DAYS = 90;

/**
 * One reminder sent: "<item>:<its end>:<lead days>". The primary key is what makes a reminder go out once, whatever
 * the number of scanners or restarts; an item whose end moves (an order extends it) has new keys.
 */
@Entity("reminder_sent")
@Index("IDX_reminder_sent_at", ["sentAt"])
export class ReminderSent {
  @PrimaryColumn({ name: "reminder_key", type: "varchar", length: 160 })
  reminderKey: string;

  @Column({ name: "sent_at", type: "datetime", precision: 3 })
  sentAt: Date;
}

/** The lead times (in days) at which an item ending at `endsAt` is due a reminder at `now`: none once it has ended. */
export function dueLeadDays(endsAt: Date, now: Date, leadDays: readonly number[]): number[] {
  const left = endsAt.getTime() - now.getTime();
  if (left <= 0) return [];
  return leadDays.filter((days) => left <= days * DAY_MS);
}

const keyOf = (item: string, endsAt: Date, days: number) => `${item}:${endsAt.toISOString()}:${days}`;

/**
 * Which of these items have a due reminder not sent yet: one statement for a whole page of a scanner, so only
 * those open a transaction (claimReminder there decides, under the key).
 */
export async function unsentReminders(
  dataSource: DataSource,
  items: { item: string; endsAt: Date; due: readonly number[] }[],
): Promise<Set<string>> {
  const keys = items.flatMap(({ item, endsAt, due }) => due.map((days) => keyOf(item, endsAt, days)));
  if (keys.length === 0) return new Set();
  const sent = new Set(
    (
      await dataSource
        .getRepository(ReminderSent)
        .find({ select: { reminderKey: true }, where: { reminderKey: In(keys) } })
    ).map((r) => r.reminderKey),
  );
  return new Set(
    items
      .filter(({ item, endsAt, due }) => due.some((days) => !sent.has(keyOf(item, endsAt, days))))
      .map((i) => i.item),
  );
}

/**
 * Inside the transaction that records the reminder's event: claims the due lead times of `item` (ending at
 * `endsAt`) not claimed before, and returns the one to remind of (the nearest), or null when all were sent. A lead
 * time passed while nobody scanned is claimed with it, so a late scanner sends one reminder, not a burst. A second
 * scanner claiming the same key at once fails on the primary key: see `isAlreadyReminded`.
 */
export async function claimReminder(
  manager: EntityManager,
  item: string,
  endsAt: Date,
  due: readonly number[],
  now: Date,
): Promise<number | null> {
  if (due.length === 0) return null;
  const keyFor = (days: number) => keyOf(item, endsAt, days);
  const sent = new Set(
    (await manager.find(ReminderSent, { where: { reminderKey: In(due.map(keyFor)) } })).map((r) => r.reminderKey),
  );
  const fresh = due.filter((days) => !sent.has(keyFor(days)));
  if (fresh.length === 0) return null;
  await manager.insert(
    ReminderSent,
    fresh.map((days) => ({ reminderKey: keyFor(days), sentAt: now })),
  );
  const nearest = Math.min(...fresh);
  // A lead time added to the settings after a nearer one was sent is claimed silently: nothing new to say.
  const sentNearer = due.some((days) => sent.has(keyFor(days)) && days < nearest);
  return sentNearer ? null : nearest;
}

/** Another scanner claimed the same reminder first: its transaction sent it. */
export const isAlreadyReminded = isUniqueViolation;

/** An item that ends, to one recipient: its ledger key, its end, the recipient's lead times, and how to tell them. */
export interface ReminderCandidate {
  key: string;
  endsAt: Date;
  leadDays: readonly number[];
  /** Records the reminder's event for `leadDays`, inside the transaction that claims it. */
  publish: (manager: EntityManager, leadDays: number) => Promise<unknown>;
}

/**
 * Sends the reminders due at `now` among a page of candidates, each once: one statement finds those not sent yet,
 * and each of them is claimed and published in one transaction. Returns how many were sent.
 */
export async function sendReminders(dataSource: DataSource, candidates: ReminderCandidate[], now: Date) {
  const due = candidates
    .map((candidate) => ({ candidate, days: dueLeadDays(candidate.endsAt, now, candidate.leadDays) }))
    .filter(({ days }) => days.length > 0);
  const unsent = await unsentReminders(
    dataSource,
    due.map(({ candidate, days }) => ({ item: candidate.key, endsAt: candidate.endsAt, due: days })),
  );
  let sent = 0;
  for (const { candidate, days } of due) {
    if (!unsent.has(candidate.key)) continue;
    try {
      const reminded = await inTransaction(dataSource, async (manager) => {
        const leadDays = await claimReminder(manager, candidate.key, candidate.endsAt, days, now);
        if (leadDays === null) return false;
        await candidate.publish(manager, leadDays);
        return true;
      });
      if (reminded) sent++;
    } catch (error) {
      if (!isAlreadyReminded(error)) throw error;
    }
  }
  return sent;
}

/**
 * A reminder's key is read only until its item ends, at most MAX_REMINDER_DAYS after the reminder went (none goes
 * earlier): the ledger forgets it a day after that. Every subgraph with the ledger runs this (startSubgraph).
 */
export const REMINDER_LEDGER_RETENTION: DayRetention<ReminderSent> = {
  what: "sent reminders",
  entity: ReminderSent,
  key: "reminderKey",
  time: "sentAt",
  retentionDays: () => MAX_REMINDER_DAYS + 1,
};

/** The ledger is pruned by sent_at: each subgraph's migration indexes it. */
export async function reminderLedgerIndexUp(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query("CREATE INDEX `IDX_reminder_sent_at` ON `reminder_sent` (`sent_at`)");
}

export async function reminderLedgerIndexDown(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query("DROP INDEX `IDX_reminder_sent_at` ON `reminder_sent`");
}
