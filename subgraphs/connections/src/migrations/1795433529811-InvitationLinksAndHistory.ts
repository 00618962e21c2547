import { MigrationInterface, QueryRunner } from "typeorm";

export class InvitationLinksAndHistory1795433529811 implements MigrationInterface {
  name = "InvitationLinksAndHistory1795433529811";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_6105cf3dd427e687c0f6f053a7\` ON \`connection\``);
    await queryRunner.query(
      `CREATE TABLE \`outbox_event\` (\`id\` varchar(36) NOT NULL, \`type\` varchar(80) NOT NULL, \`payload\` text NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`pending\` text NOT NULL, \`delivered_at\` datetime(3) NULL, \`attempts\` int NOT NULL DEFAULT '0', \`next_attempt_at\` datetime(3) NOT NULL, \`last_error\` varchar(500) NULL, INDEX \`IDX_7d4f9d185e64897b9b7ef6a0fe\` (\`delivered_at\`, \`next_attempt_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`invitation_link\` (\`partner_id\` varchar(20) NOT NULL, \`token\` varchar(64) NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX \`IDX_6da2e2cce74ca369194a0481e8\` (\`token\`), PRIMARY KEY (\`partner_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`connection\` ADD \`active_key\` varchar(41) NULL`);
    await queryRunner.query(
      `ALTER TABLE \`connection\` ADD UNIQUE INDEX \`IDX_a10780d42b3f033c7af4a8c4ce\` (\`active_key\`)`,
    );
    await queryRunner.query(`ALTER TABLE \`connection\` ADD \`customer_name\` varchar(200) NOT NULL`);
    await queryRunner.query(`ALTER TABLE \`connection\` ADD \`origin\` varchar(20) NOT NULL`);
    await queryRunner.query(`ALTER TABLE \`connection\` ADD \`terminated_at\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`connection\` ADD \`terminated_by\` varchar(10) NULL`);
    await queryRunner.query(`ALTER TABLE \`connection\` ADD \`terminated_by_user_id\` varchar(20) NULL`);
    await queryRunner.query(
      `CREATE INDEX \`IDX_a5e482d487bc0dea3131eae0c9\` ON \`connection\` (\`partner_id\`, \`status\`, \`customer_name\`, \`id\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_a5e482d487bc0dea3131eae0c9\` ON \`connection\``);
    await queryRunner.query(`ALTER TABLE \`connection\` DROP COLUMN \`terminated_by_user_id\``);
    await queryRunner.query(`ALTER TABLE \`connection\` DROP COLUMN \`terminated_by\``);
    await queryRunner.query(`ALTER TABLE \`connection\` DROP COLUMN \`terminated_at\``);
    await queryRunner.query(`ALTER TABLE \`connection\` DROP COLUMN \`origin\``);
    await queryRunner.query(`ALTER TABLE \`connection\` DROP COLUMN \`customer_name\``);
    await queryRunner.query(`ALTER TABLE \`connection\` DROP INDEX \`IDX_a10780d42b3f033c7af4a8c4ce\``);
    await queryRunner.query(`ALTER TABLE \`connection\` DROP COLUMN \`active_key\``);
    await queryRunner.query(`DROP INDEX \`IDX_6da2e2cce74ca369194a0481e8\` ON \`invitation_link\``);
    await queryRunner.query(`DROP TABLE \`invitation_link\``);
    await queryRunner.query(`DROP INDEX \`IDX_7d4f9d185e64897b9b7ef6a0fe\` ON \`outbox_event\``);
    await queryRunner.query(`DROP TABLE \`outbox_event\``);
    await queryRunner.query(
      `CREATE INDEX \`IDX_6105cf3dd427e687c0f6f053a7\` ON \`connection\` (\`partner_id\`, \`status\`)`,
    );
  }
}
