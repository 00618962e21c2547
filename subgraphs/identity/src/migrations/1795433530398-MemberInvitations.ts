import { MigrationInterface, QueryRunner } from "typeorm";

export class MemberInvitations1795433530398 implements MigrationInterface {
  name = "MemberInvitations1795433530398";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`applied_event\` (\`id\` varchar(36) NOT NULL, \`type\` varchar(80) NOT NULL, \`applied_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`member_invitation\` (\`id\` varchar(20) NOT NULL, \`organization_id\` varchar(20) NOT NULL, \`email\` varchar(254) NOT NULL, \`display_name\` varchar(200) NOT NULL, \`role\` varchar(10) NOT NULL, \`invited_by_user_id\` varchar(20) NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`accepted_at\` datetime(3) NULL, \`accepted_by_user_id\` varchar(20) NULL, INDEX \`IDX_f4747ba6a8b45fcec56b50dc3c\` (\`email\`, \`accepted_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_f4747ba6a8b45fcec56b50dc3c\` ON \`member_invitation\``);
    await queryRunner.query(`DROP TABLE \`member_invitation\``);
    await queryRunner.query(`DROP TABLE \`applied_event\``);
  }
}
