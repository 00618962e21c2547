import { MigrationInterface, QueryRunner } from "typeorm";

/** Consent per connection: existing connections share every area with no end, as they did before consent existed. */
export class ConnectionConsent1795724028158 implements MigrationInterface {
  name = "ConnectionConsent1795724028158";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`connection\` ADD \`consent_areas\` varchar(100) NOT NULL DEFAULT 'ORDERS,ENTITLEMENTS,TRIALS,TICKETS,NOTIFICATIONS,CONTACTS'`,
    );
    await queryRunner.query(`ALTER TABLE \`connection\` ADD \`consent_until\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`connection\` ADD \`consent_end_announced_at\` datetime(3) NULL`);
    await queryRunner.query(`CREATE INDEX \`IDX_e65789e579d60fdee4d449a14e\` ON \`connection\` (\`consent_until\`)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_e65789e579d60fdee4d449a14e\` ON \`connection\``);
    await queryRunner.query(`ALTER TABLE \`connection\` DROP COLUMN \`consent_end_announced_at\``);
    await queryRunner.query(`ALTER TABLE \`connection\` DROP COLUMN \`consent_until\``);
    await queryRunner.query(`ALTER TABLE \`connection\` DROP COLUMN \`consent_areas\``);
  }
}
