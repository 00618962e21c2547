import { MigrationInterface, QueryRunner } from "typeorm";

export class GoalMilestones1795440541633 implements MigrationInterface {
  name = "GoalMilestones1795440541633";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`goal_milestone\` (\`id\` varchar(20) NOT NULL, \`goal_id\` varchar(20) NOT NULL, \`milestone\` int NOT NULL, \`reached_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX \`IDX_4f189b684c884eea7c817394ee\` (\`goal_id\`, \`milestone\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_4f189b684c884eea7c817394ee\` ON \`goal_milestone\``);
    await queryRunner.query(`DROP TABLE \`goal_milestone\``);
  }
}
