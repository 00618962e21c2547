import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795432924687 implements MigrationInterface {
  name = "Initial1795432924687";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`organization\` (\`id\` varchar(20) NOT NULL, \`name\` varchar(200) NOT NULL, \`country\` varchar(2) NOT NULL, \`is_vendor\` tinyint NOT NULL DEFAULT 0, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`IDX_c21e615583a3ebbb0977452afb\` (\`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`certification\` (\`id\` varchar(20) NOT NULL, \`user_id\` varchar(20) NOT NULL, \`product\` varchar(100) NOT NULL, \`level\` varchar(50) NOT NULL, \`achieved_at\` datetime(3) NOT NULL, \`expires_at\` datetime(3) NULL, INDEX \`IDX_eb73bbd42fe190a56ad42417b7\` (\`user_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`program_membership\` (\`id\` varchar(20) NOT NULL, \`organization_id\` varchar(20) NOT NULL, \`program\` varchar(40) NOT NULL, \`tier\` varchar(20) NULL, \`starts_at\` datetime(3) NOT NULL, \`ends_at\` datetime(3) NULL, \`revoked_at\` datetime(3) NULL, \`granted_by_user_id\` varchar(20) NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`IDX_7586c47d1474253236a55d6fe2\` (\`organization_id\`, \`program\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`user\` (\`id\` varchar(20) NOT NULL, \`subject\` varchar(255) NOT NULL, \`email\` varchar(254) NOT NULL, \`display_name\` varchar(200) NOT NULL, \`organization_id\` varchar(20) NULL, \`role\` varchar(10) NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX \`IDX_37b2a5e83ae6d4242494ac40bf\` (\`subject\`), INDEX \`IDX_e12875dfb3b1d92d7d7c5377e2\` (\`email\`), INDEX \`IDX_3e103cdf85b7d6cb620b4db0f0\` (\`organization_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`administrator_grant\` (\`id\` varchar(20) NOT NULL, \`organization_id\` varchar(20) NOT NULL, \`email\` varchar(254) NOT NULL, \`access\` varchar(10) NOT NULL, \`service_codes\` text NOT NULL, \`status\` varchar(10) NOT NULL, \`invited_by_user_id\` varchar(20) NULL, \`grantee_user_id\` varchar(20) NULL, \`invited_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`responded_at\` datetime(3) NULL, INDEX \`IDX_be8317a927b764b722eae2ebe9\` (\`grantee_user_id\`, \`status\`), INDEX \`IDX_0ad5dcf6b6a14bcd503823202c\` (\`email\`, \`status\`), INDEX \`IDX_c0b78a6ec4fabcdc852647070a\` (\`organization_id\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_c0b78a6ec4fabcdc852647070a\` ON \`administrator_grant\``);
    await queryRunner.query(`DROP INDEX \`IDX_0ad5dcf6b6a14bcd503823202c\` ON \`administrator_grant\``);
    await queryRunner.query(`DROP INDEX \`IDX_be8317a927b764b722eae2ebe9\` ON \`administrator_grant\``);
    await queryRunner.query(`DROP TABLE \`administrator_grant\``);
    await queryRunner.query(`DROP INDEX \`IDX_3e103cdf85b7d6cb620b4db0f0\` ON \`user\``);
    await queryRunner.query(`DROP INDEX \`IDX_e12875dfb3b1d92d7d7c5377e2\` ON \`user\``);
    await queryRunner.query(`DROP INDEX \`IDX_37b2a5e83ae6d4242494ac40bf\` ON \`user\``);
    await queryRunner.query(`DROP TABLE \`user\``);
    await queryRunner.query(`DROP INDEX \`IDX_7586c47d1474253236a55d6fe2\` ON \`program_membership\``);
    await queryRunner.query(`DROP TABLE \`program_membership\``);
    await queryRunner.query(`DROP INDEX \`IDX_eb73bbd42fe190a56ad42417b7\` ON \`certification\``);
    await queryRunner.query(`DROP TABLE \`certification\``);
    await queryRunner.query(`DROP INDEX \`IDX_c21e615583a3ebbb0977452afb\` ON \`organization\``);
    await queryRunner.query(`DROP TABLE \`organization\``);
  }
}
