import { MigrationInterface, QueryRunner } from "typeorm";

/** The delivery log is pruned by age (WEBHOOK_DELIVERY_RETENTION_DAYS): index created_at. */
export class DeliveryRetentionIndex1795760000000 implements MigrationInterface {
  name = "DeliveryRetentionIndex1795760000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX `IDX_webhook_delivery_created` ON `webhook_delivery` (`created_at`)");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `IDX_webhook_delivery_created` ON `webhook_delivery`");
  }
}
