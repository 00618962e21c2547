import { MigrationInterface, QueryRunner } from "typeorm";

/** Webhooks publishes too (its audit entries): the transactional outbox, as support took it. */
export class Outbox1795748383198 implements MigrationInterface {
  name = "Outbox1795748383198";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`outbox_event\` (\`seq\` bigint NOT NULL AUTO_INCREMENT, \`id\` varchar(36) NOT NULL, \`aggregate_key\` varchar(120) NOT NULL, \`type\` varchar(80) NOT NULL, \`payload\` text NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`pending\` text NOT NULL, \`delivered_at\` datetime(3) NULL, \`attempts\` int NOT NULL DEFAULT '0', \`next_attempt_at\` datetime(3) NOT NULL, \`last_error\` varchar(500) NULL, \`claimed_by\` varchar(36) NULL, \`claimed_until\` datetime(3) NULL, \`request_id\` varchar(128) NULL, UNIQUE INDEX \`IDX_cc0c9e40998e45ecfc5e313429\` (\`id\`), INDEX \`IDX_0ac68addaf44f17a73d48728f0\` (\`aggregate_key\`, \`delivered_at\`, \`seq\`), INDEX \`IDX_7d4f9d185e64897b9b7ef6a0fe\` (\`delivered_at\`, \`next_attempt_at\`), PRIMARY KEY (\`seq\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_7d4f9d185e64897b9b7ef6a0fe\` ON \`outbox_event\``);
    await queryRunner.query(`DROP INDEX \`IDX_0ac68addaf44f17a73d48728f0\` ON \`outbox_event\``);
    await queryRunner.query(`DROP INDEX \`IDX_cc0c9e40998e45ecfc5e313429\` ON \`outbox_event\``);
    await queryRunner.query(`DROP TABLE \`outbox_event\``);
  }
}
