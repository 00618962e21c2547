import { MigrationInterface, QueryRunner } from "typeorm";

export class GoalAgreement1795450625682 implements MigrationInterface {
  name = "GoalAgreement1795450625682";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`joint_goal\` ADD \`status\` varchar(10) NOT NULL DEFAULT 'PROPOSED'`);
    await queryRunner.query(`ALTER TABLE \`joint_goal\` ADD \`decided_at\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`joint_goal\` ADD \`decided_by_user_id\` varchar(20) NULL`);
    // Goals set before partners agreed to them stood as agreed: they keep earning their rewards.
    await queryRunner.query(`UPDATE \`joint_goal\` SET \`status\` = 'AGREED', \`decided_at\` = \`created_at\``);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`joint_goal\` DROP COLUMN \`decided_by_user_id\``);
    await queryRunner.query(`ALTER TABLE \`joint_goal\` DROP COLUMN \`decided_at\``);
    await queryRunner.query(`ALTER TABLE \`joint_goal\` DROP COLUMN \`status\``);
  }
}
