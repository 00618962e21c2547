import { MigrationInterface, QueryRunner } from "typeorm";

/** A trial remembers the bulk job item that added it, so a resumed job never adds it twice. */
export class BulkItemKey1795738077019 implements MigrationInterface {
  name = "BulkItemKey1795738077019";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`trial\` ADD \`bulk_item_key\` varchar(40) NULL`);
    await queryRunner.query(
      `ALTER TABLE \`trial\` ADD UNIQUE INDEX \`IDX_a99319615a0796a1ad4129d3f9\` (\`bulk_item_key\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`trial\` DROP INDEX \`IDX_a99319615a0796a1ad4129d3f9\``);
    await queryRunner.query(`ALTER TABLE \`trial\` DROP COLUMN \`bulk_item_key\``);
  }
}
