import { MigrationInterface, QueryRunner } from "typeorm";

/** Notifications are pruned by age (NOTIFICATION_RETENTION_DAYS): index created_at. */
export class NotificationRetentionIndex1795760000000 implements MigrationInterface {
  name = "NotificationRetentionIndex1795760000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX `IDX_notification_created` ON `notification` (`created_at`)");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `IDX_notification_created` ON `notification`");
  }
}
