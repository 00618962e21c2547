import { MigrationInterface, QueryRunner } from "typeorm";

/** Finished bulk jobs are pruned by age (BULK_JOB_RETENTION_DAYS): index finished_at. */
export class BulkJobRetentionIndex1795760000000 implements MigrationInterface {
  name = "BulkJobRetentionIndex1795760000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX `IDX_bulk_job_finished` ON `bulk_job` (`finished_at`)");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `IDX_bulk_job_finished` ON `bulk_job`");
  }
}
