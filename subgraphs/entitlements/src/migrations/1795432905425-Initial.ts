import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795432905425 implements MigrationInterface {
  name = "Initial1795432905425";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`service\` (\`code\` varchar(40) NOT NULL, \`name\` varchar(120) NOT NULL, \`trial_days\` int NOT NULL, \`resellable\` tinyint NOT NULL, \`license_unit\` varchar(20) NOT NULL, PRIMARY KEY (\`code\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`service\``);
  }
}
