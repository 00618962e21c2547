import { MigrationInterface, QueryRunner } from "typeorm";

export class AuditTrail1795735754293 implements MigrationInterface {
  name = "AuditTrail1795735754293";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`applied_event\` (\`id\` varchar(36) NOT NULL, \`type\` varchar(80) NOT NULL, \`applied_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`audit_entry\` (\`id\` varchar(36) NOT NULL, \`at\` datetime(3) NOT NULL, \`action\` varchar(60) NOT NULL, \`summary\` varchar(300) NOT NULL, \`request_id\` varchar(128) NULL, \`actor_id\` varchar(20) NULL, \`actor_organization_id\` varchar(20) NULL, \`acting_organization_id\` varchar(20) NULL, \`via_administrator_grant\` tinyint NOT NULL DEFAULT 0, \`target_organization_id\` varchar(20) NULL, \`subject_type\` varchar(40) NOT NULL, \`subject_id\` varchar(64) NOT NULL, INDEX \`IDX_audit_entry_at\` (\`at\`, \`id\`), INDEX \`IDX_audit_entry_target\` (\`target_organization_id\`, \`at\`), INDEX \`IDX_audit_entry_acting\` (\`acting_organization_id\`, \`at\`), INDEX \`IDX_audit_entry_actor_organization\` (\`actor_organization_id\`, \`at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`audit_entry\``);
    await queryRunner.query(`DROP TABLE \`applied_event\``);
  }
}
