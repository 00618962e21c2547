import { MigrationInterface, QueryRunner } from "typeorm";

export class Opportunities1795440206461 implements MigrationInterface {
  name = "Opportunities1795440206461";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`opportunity\` (\`id\` varchar(20) NOT NULL, \`partner_id\` varchar(20) NOT NULL, \`customer_id\` varchar(20) NULL, \`prospect_name\` varchar(200) NULL, \`title\` varchar(200) NOT NULL, \`stage\` varchar(10) NOT NULL, \`amount_cents\` bigint NOT NULL, \`expected_close_at\` datetime(3) NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`closed_at\` datetime(3) NULL, INDEX \`IDX_8e10ac73a5ee595ba3a5fb60c8\` (\`partner_id\`, \`stage\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_8e10ac73a5ee595ba3a5fb60c8\` ON \`opportunity\``);
    await queryRunner.query(`DROP TABLE \`opportunity\``);
  }
}
