import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A registration to resell becomes a request the vendor decides: status, the open key that admits one open request
 * per partner and service, and the decision. Registrations made before were instant: they are APPROVED (at the time
 * they were made). Down keeps only the approved ones, which is what a registration meant before.
 */
export class ResellApproval1795748144357 implements MigrationInterface {
  name = "ResellApproval1795748144357";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_c19bf2fbeaf0991d3102b6450b\` ON \`resell_registration\``);
    await queryRunner.query(`ALTER TABLE \`resell_registration\` ADD \`status\` varchar(10) NOT NULL`);
    await queryRunner.query(`ALTER TABLE \`resell_registration\` ADD \`open_key\` varchar(64) NULL`);
    await queryRunner.query(`ALTER TABLE \`resell_registration\` ADD \`decided_at\` datetime(3) NULL`);
    await queryRunner.query(
      `UPDATE \`resell_registration\` SET \`status\` = 'APPROVED', \`open_key\` = CONCAT(\`organization_id\`, ':', \`service_code\`), \`decided_at\` = \`registered_at\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`resell_registration\` ADD UNIQUE INDEX \`IDX_d7c2358268fb01be4dc7afb359\` (\`open_key\`)`,
    );
    await queryRunner.query(`ALTER TABLE \`resell_registration\` ADD \`decided_by_user_id\` varchar(20) NULL`);
    await queryRunner.query(`ALTER TABLE \`resell_registration\` ADD \`decision_reason\` varchar(500) NULL`);
    await queryRunner.query(
      `CREATE INDEX \`IDX_ba257950afe6a6ad9f9e1b6243\` ON \`resell_registration\` (\`status\`, \`registered_at\`, \`id\`)`,
    );
    await queryRunner.query(
      `CREATE INDEX \`IDX_c19bf2fbeaf0991d3102b6450b\` ON \`resell_registration\` (\`organization_id\`, \`service_code\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_c19bf2fbeaf0991d3102b6450b\` ON \`resell_registration\``);
    await queryRunner.query(`DROP INDEX \`IDX_ba257950afe6a6ad9f9e1b6243\` ON \`resell_registration\``);
    await queryRunner.query(`ALTER TABLE \`resell_registration\` DROP COLUMN \`decision_reason\``);
    await queryRunner.query(`ALTER TABLE \`resell_registration\` DROP COLUMN \`decided_by_user_id\``);
    await queryRunner.query(`ALTER TABLE \`resell_registration\` DROP COLUMN \`decided_at\``);
    await queryRunner.query(`ALTER TABLE \`resell_registration\` DROP INDEX \`IDX_d7c2358268fb01be4dc7afb359\``);
    await queryRunner.query(`ALTER TABLE \`resell_registration\` DROP COLUMN \`open_key\``);
    await queryRunner.query(`DELETE FROM \`resell_registration\` WHERE \`status\` <> 'APPROVED'`);
    await queryRunner.query(`ALTER TABLE \`resell_registration\` DROP COLUMN \`status\``);
    await queryRunner.query(
      `CREATE UNIQUE INDEX \`IDX_c19bf2fbeaf0991d3102b6450b\` ON \`resell_registration\` (\`organization_id\`, \`service_code\`)`,
    );
  }
}
