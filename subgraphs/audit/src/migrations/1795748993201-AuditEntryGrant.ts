import { MigrationInterface, QueryRunner } from "typeorm";

/** Entries name the administrator grant acted through; older entries have none (NULL). */
export class AuditEntryGrant1795748993201 implements MigrationInterface {
  name = "AuditEntryGrant1795748993201";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`audit_entry\` ADD \`grant_id\` varchar(20) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`audit_entry\` DROP COLUMN \`grant_id\``);
  }
}
