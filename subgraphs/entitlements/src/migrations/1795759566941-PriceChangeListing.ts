import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Price announcements become a list: how many holders each told (0 for the few made before it was counted), and an
 * index for the vendor's list, newest first.
 */
export class PriceChangeListing1795759566941 implements MigrationInterface {
  name = "PriceChangeListing1795759566941";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`price_change\` ADD \`holders_told\` int NOT NULL DEFAULT '0'`);
    await queryRunner.query(
      `CREATE INDEX \`IDX_cb0d24b2604b103c05df68a582\` ON \`price_change\` (\`announced_at\`, \`id\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_cb0d24b2604b103c05df68a582\` ON \`price_change\``);
    await queryRunner.query(`ALTER TABLE \`price_change\` DROP COLUMN \`holders_told\``);
  }
}
