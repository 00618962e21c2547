import { MigrationInterface, QueryRunner } from "typeorm";

export class BulkJobs1795728047456 implements MigrationInterface {
  name = "BulkJobs1795728047456";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`bulk_job\` (\`id\` varchar(20) NOT NULL, \`organization_id\` varchar(20) NOT NULL, \`kind\` varchar(30) NOT NULL, \`idempotency_key\` varchar(200) NOT NULL, \`status\` varchar(12) NOT NULL, \`total\` int NOT NULL, \`succeeded\` int NOT NULL DEFAULT '0', \`failed\` int NOT NULL DEFAULT '0', \`caller\` text NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`finished_at\` datetime(3) NULL, \`claimed_by\` varchar(36) NULL, \`claimed_until\` datetime(3) NULL, INDEX \`IDX_bulk_job_open\` (\`status\`, \`created_at\`), UNIQUE INDEX \`IDX_bulk_job_idempotency\` (\`organization_id\`, \`idempotency_key\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`bulk_job_item\` (\`job_id\` varchar(20) NOT NULL, \`item_index\` int NOT NULL, \`status\` varchar(12) NOT NULL, \`input\` text NOT NULL, \`result_id\` varchar(40) NULL, \`error_code\` varchar(40) NULL, \`error_message\` varchar(500) NULL, \`error_field\` varchar(100) NULL, \`finished_at\` datetime(3) NULL, PRIMARY KEY (\`job_id\`, \`item_index\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`bulk_job_item\``);
    await queryRunner.query(`DROP INDEX \`IDX_bulk_job_idempotency\` ON \`bulk_job\``);
    await queryRunner.query(`DROP INDEX \`IDX_bulk_job_open\` ON \`bulk_job\``);
    await queryRunner.query(`DROP TABLE \`bulk_job\``);
  }
}
