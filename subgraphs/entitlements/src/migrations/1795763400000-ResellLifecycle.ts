import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A request to resell may be withdrawn (by the partner, while PENDING) or revoked (by the vendor, once APPROVED):
 * who revoked it, when and why, beside the approval. Newest first over every status reads (registered_at, id).
 * Down: the code before knows no WITHDRAWN or REVOKED; both were closed like a DECLINED request, so they become one.
 */
export class ResellLifecycle1795763400000 implements MigrationInterface {
  name = "ResellLifecycle1795763400000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`resell_registration\` ADD \`revoked_at\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`resell_registration\` ADD \`revoked_by_user_id\` varchar(20) NULL`);
    await queryRunner.query(`ALTER TABLE \`resell_registration\` ADD \`revocation_reason\` varchar(500) NULL`);
    await queryRunner.query(
      `CREATE INDEX \`IDX_f63b2cb7613593310808da5e5b\` ON \`resell_registration\` (\`registered_at\`, \`id\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE \`resell_registration\` SET \`status\` = 'DECLINED', \`open_key\` = NULL WHERE \`status\` IN ('WITHDRAWN', 'REVOKED')`,
    );
    await queryRunner.query(`DROP INDEX \`IDX_f63b2cb7613593310808da5e5b\` ON \`resell_registration\``);
    await queryRunner.query(`ALTER TABLE \`resell_registration\` DROP COLUMN \`revocation_reason\``);
    await queryRunner.query(`ALTER TABLE \`resell_registration\` DROP COLUMN \`revoked_by_user_id\``);
    await queryRunner.query(`ALTER TABLE \`resell_registration\` DROP COLUMN \`revoked_at\``);
  }
}
