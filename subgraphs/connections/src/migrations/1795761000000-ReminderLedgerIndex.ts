import { reminderLedgerIndexDown, reminderLedgerIndexUp } from "@partnergraph/kit";
import { MigrationInterface, QueryRunner } from "typeorm";

/** The reminder ledger is pruned by age (MAX_REMINDER_DAYS + 1 days): index sent_at. */
export class ReminderLedgerIndex1795761000000 implements MigrationInterface {
  name = "ReminderLedgerIndex1795761000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await reminderLedgerIndexUp(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await reminderLedgerIndexDown(queryRunner);
  }
}
