import { MigrationInterface, QueryRunner } from "typeorm";

/** Reminders before things end: the ledger of reminders sent (each once), and what this subgraph keeps for them. */
export class Reminders1795728100000 implements MigrationInterface {
  name = "Reminders1795728100000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`reminder_sent\` (\`reminder_key\` varchar(160) NOT NULL, \`sent_at\` datetime(3) NOT NULL, PRIMARY KEY (\`reminder_key\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`reminder_sent\``);
  }
}
