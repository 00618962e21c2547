import { MigrationInterface, QueryRunner } from "typeorm";

/** Reminders before things end: the ledger of reminders sent (each once), and what this subgraph keeps for them. */
export class Reminders1795724640725 implements MigrationInterface {
  name = "Reminders1795724640725";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`notification\` ADD \`recipient_user_id\` varchar(20) NULL`);
    await queryRunner.query(
      `CREATE INDEX \`IDX_94989e126d2fc27780c50042d1\` ON \`notification\` (\`recipient_user_id\`, \`created_at\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_94989e126d2fc27780c50042d1\` ON \`notification\``);
    await queryRunner.query(`ALTER TABLE \`notification\` DROP COLUMN \`recipient_user_id\``);
  }
}
