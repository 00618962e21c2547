import { MigrationInterface, QueryRunner } from "typeorm";

/** The vendor's announcements of price changes (issue 13: price notices to holders and their renewal contacts). */
export class PriceChanges1795753458652 implements MigrationInterface {
  name = "PriceChanges1795753458652";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`price_change\` (\`id\` varchar(20) NOT NULL, \`service_code\` varchar(40) NOT NULL, \`effective_on\` datetime(3) NOT NULL, \`summary\` varchar(300) NOT NULL, \`announced_by_user_id\` varchar(20) NOT NULL, \`announced_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`IDX_bf07149a05ed1600b3de47385b\` (\`service_code\`, \`announced_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_bf07149a05ed1600b3de47385b\` ON \`price_change\``);
    await queryRunner.query(`DROP TABLE \`price_change\``);
  }
}
