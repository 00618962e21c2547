import { MigrationInterface, QueryRunner } from "typeorm";

export class Webhooks1795724377038 implements MigrationInterface {
  name = "Webhooks1795724377038";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`applied_event\` (\`id\` varchar(36) NOT NULL, \`type\` varchar(80) NOT NULL, \`applied_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`webhook_delivery\` (\`seq\` bigint NOT NULL AUTO_INCREMENT, \`id\` varchar(20) NOT NULL, \`webhook_id\` varchar(20) NOT NULL, \`event_id\` varchar(36) NOT NULL, \`event_type\` varchar(60) NOT NULL, \`status\` varchar(12) NOT NULL, \`attempts\` int NOT NULL DEFAULT '0', \`response_status\` int NULL, \`last_attempt_at\` datetime(3) NULL, \`delivered_at\` datetime(3) NULL, \`next_attempt_at\` datetime(3) NOT NULL, \`expires_at\` datetime(3) NOT NULL, \`replay\` tinyint NOT NULL DEFAULT 0, \`claimed_by\` varchar(36) NULL, \`claimed_until\` datetime(3) NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX \`IDX_webhook_delivery_id\` (\`id\`), INDEX \`IDX_webhook_delivery_webhook\` (\`webhook_id\`, \`seq\`), INDEX \`IDX_webhook_delivery_due\` (\`status\`, \`next_attempt_at\`), PRIMARY KEY (\`seq\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`webhook_attempt\` (\`seq\` bigint NOT NULL AUTO_INCREMENT, \`delivery_id\` varchar(20) NOT NULL, \`attempted_at\` datetime(3) NOT NULL, \`duration_ms\` int NOT NULL, \`response_status\` int NULL, \`error\` varchar(300) NULL, INDEX \`IDX_webhook_attempt_delivery\` (\`delivery_id\`), PRIMARY KEY (\`seq\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`webhook\` (\`id\` varchar(20) NOT NULL, \`organization_id\` varchar(20) NOT NULL, \`url\` varchar(2000) NOT NULL, \`event_types\` text NOT NULL, \`active\` tinyint NOT NULL DEFAULT 1, \`secret_ciphertext\` varchar(300) NOT NULL, \`created_by_user_id\` varchar(20) NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`IDX_webhook_organization\` (\`organization_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`webhook_event\` (\`seq\` bigint NOT NULL AUTO_INCREMENT, \`event_id\` varchar(36) NOT NULL, \`type\` varchar(60) NOT NULL, \`organization_ids\` text NOT NULL, \`payload\` text NOT NULL, \`occurred_at\` datetime(3) NOT NULL, \`received_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX \`IDX_webhook_event_id\` (\`event_id\`), INDEX \`IDX_webhook_event_occurred\` (\`occurred_at\`), PRIMARY KEY (\`seq\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_webhook_event_occurred\` ON \`webhook_event\``);
    await queryRunner.query(`DROP INDEX \`IDX_webhook_event_id\` ON \`webhook_event\``);
    await queryRunner.query(`DROP TABLE \`webhook_event\``);
    await queryRunner.query(`DROP INDEX \`IDX_webhook_organization\` ON \`webhook\``);
    await queryRunner.query(`DROP TABLE \`webhook\``);
    await queryRunner.query(`DROP INDEX \`IDX_webhook_attempt_delivery\` ON \`webhook_attempt\``);
    await queryRunner.query(`DROP TABLE \`webhook_attempt\``);
    await queryRunner.query(`DROP INDEX \`IDX_webhook_delivery_due\` ON \`webhook_delivery\``);
    await queryRunner.query(`DROP INDEX \`IDX_webhook_delivery_webhook\` ON \`webhook_delivery\``);
    await queryRunner.query(`DROP INDEX \`IDX_webhook_delivery_id\` ON \`webhook_delivery\``);
    await queryRunner.query(`DROP TABLE \`webhook_delivery\``);
    await queryRunner.query(`DROP TABLE \`applied_event\``);
  }
}
