import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795432905063 implements MigrationInterface {
  name = "Initial1795432905063";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`connection\` (\`id\` varchar(20) NOT NULL, \`partner_id\` varchar(20) NOT NULL, \`customer_id\` varchar(20) NOT NULL, \`status\` varchar(12) NOT NULL, \`connected_at\` datetime(3) NOT NULL, INDEX \`IDX_9b18f333bccb6b37ea7684ab88\` (\`customer_id\`, \`status\`), INDEX \`IDX_6105cf3dd427e687c0f6f053a7\` (\`partner_id\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_6105cf3dd427e687c0f6f053a7\` ON \`connection\``);
    await queryRunner.query(`DROP INDEX \`IDX_9b18f333bccb6b37ea7684ab88\` ON \`connection\``);
    await queryRunner.query(`DROP TABLE \`connection\``);
  }
}
