import { MigrationInterface, QueryRunner } from "typeorm";

export class JointGoals1795440387355 implements MigrationInterface {
  name = "JointGoals1795440387355";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`joint_goal\` (\`id\` varchar(20) NOT NULL, \`partner_id\` varchar(20) NOT NULL, \`metric\` varchar(12) NOT NULL, \`target_value\` bigint NOT NULL, \`period_start\` datetime(3) NOT NULL, \`period_end\` datetime(3) NOT NULL, \`reward_kind\` varchar(10) NOT NULL, \`reward_amount\` bigint NOT NULL, \`created_by_user_id\` varchar(20) NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`IDX_64cc647f07071cdd3bd58cee35\` (\`partner_id\`, \`period_start\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`goal_reward\` (\`id\` varchar(20) NOT NULL, \`goal_id\` varchar(20) NOT NULL, \`partner_id\` varchar(20) NOT NULL, \`kind\` varchar(10) NOT NULL, \`amount\` bigint NOT NULL, \`achieved_value\` bigint NOT NULL, \`recorded_at\` datetime(3) NOT NULL, UNIQUE INDEX \`IDX_da3cb4480da066f2e28da26a5d\` (\`goal_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_da3cb4480da066f2e28da26a5d\` ON \`goal_reward\``);
    await queryRunner.query(`DROP TABLE \`goal_reward\``);
    await queryRunner.query(`DROP INDEX \`IDX_64cc647f07071cdd3bd58cee35\` ON \`joint_goal\``);
    await queryRunner.query(`DROP TABLE \`joint_goal\``);
  }
}
