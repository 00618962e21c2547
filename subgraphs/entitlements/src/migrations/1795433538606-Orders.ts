import { MigrationInterface, QueryRunner } from "typeorm";

export class Orders1795433538606 implements MigrationInterface {
  name = "Orders1795433538606";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`outbox_event\` (\`id\` varchar(36) NOT NULL, \`type\` varchar(80) NOT NULL, \`payload\` text NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`pending\` text NOT NULL, \`delivered_at\` datetime(3) NULL, \`attempts\` int NOT NULL DEFAULT '0', \`next_attempt_at\` datetime(3) NOT NULL, \`last_error\` varchar(500) NULL, INDEX \`IDX_7d4f9d185e64897b9b7ef6a0fe\` (\`delivered_at\`, \`next_attempt_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`entitlement\` (\`id\` varchar(20) NOT NULL, \`organization_id\` varchar(20) NOT NULL, \`service_code\` varchar(40) NOT NULL, \`license_count\` int NOT NULL, \`unit\` varchar(20) NOT NULL, \`starts_at\` datetime(3) NOT NULL, \`expires_at\` datetime(3) NOT NULL, \`expiry_announced_at\` datetime(3) NULL, INDEX \`IDX_694963c1440ceb2e8388dd02cb\` (\`expires_at\`), UNIQUE INDEX \`IDX_f7e83e80e57f7c796bcd404296\` (\`organization_id\`, \`service_code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`trial\` (\`id\` varchar(20) NOT NULL, \`organization_id\` varchar(20) NOT NULL, \`service_code\` varchar(40) NOT NULL, \`status\` varchar(10) NOT NULL, \`open_key\` varchar(64) NULL, \`requested_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`requested_by_user_id\` varchar(20) NOT NULL, \`added_by_organization_id\` varchar(20) NULL, \`starts_at\` datetime(3) NULL, \`ends_at\` datetime(3) NULL, \`decided_at\` datetime(3) NULL, \`decided_by_user_id\` varchar(20) NULL, \`expiry_announced_at\` datetime(3) NULL, UNIQUE INDEX \`IDX_1a2a975ec84b76580bbfd0638d\` (\`open_key\`), INDEX \`IDX_80c57dcd349fb19906bdfd2747\` (\`status\`, \`ends_at\`), INDEX \`IDX_3868fb3c8f11af7b5c733cd377\` (\`organization_id\`, \`requested_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`order_line\` (\`id\` varchar(20) NOT NULL, \`order_id\` varchar(20) NOT NULL, \`line_number\` int NOT NULL, \`service_code\` varchar(40) NOT NULL, \`quantity\` int NOT NULL, \`term_months\` int NOT NULL, \`unit_price_cents\` bigint NOT NULL, UNIQUE INDEX \`IDX_2bcb34e377209ec2eb58ab2df8\` (\`order_id\`, \`line_number\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`customer_order\` (\`id\` varchar(20) NOT NULL, \`number\` varchar(20) NOT NULL, \`organization_id\` varchar(20) NOT NULL, \`reseller_id\` varchar(20) NULL, \`placed_at\` datetime(3) NOT NULL, \`currency\` varchar(3) NOT NULL, \`total_cents\` bigint NOT NULL, \`placed_by_user_id\` varchar(20) NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX \`IDX_de717da204096d9fb7c889874c\` (\`number\`), INDEX \`IDX_8a8616ce57bb6a92d1ec45dbfa\` (\`reseller_id\`, \`placed_at\`), INDEX \`IDX_072ebea0a4b6885d704a9f0db2\` (\`organization_id\`, \`placed_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`resell_registration\` (\`id\` varchar(20) NOT NULL, \`organization_id\` varchar(20) NOT NULL, \`service_code\` varchar(40) NOT NULL, \`registered_by_user_id\` varchar(20) NOT NULL, \`registered_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX \`IDX_c19bf2fbeaf0991d3102b6450b\` (\`organization_id\`, \`service_code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_c19bf2fbeaf0991d3102b6450b\` ON \`resell_registration\``);
    await queryRunner.query(`DROP TABLE \`resell_registration\``);
    await queryRunner.query(`DROP INDEX \`IDX_072ebea0a4b6885d704a9f0db2\` ON \`customer_order\``);
    await queryRunner.query(`DROP INDEX \`IDX_8a8616ce57bb6a92d1ec45dbfa\` ON \`customer_order\``);
    await queryRunner.query(`DROP INDEX \`IDX_de717da204096d9fb7c889874c\` ON \`customer_order\``);
    await queryRunner.query(`DROP TABLE \`customer_order\``);
    await queryRunner.query(`DROP INDEX \`IDX_2bcb34e377209ec2eb58ab2df8\` ON \`order_line\``);
    await queryRunner.query(`DROP TABLE \`order_line\``);
    await queryRunner.query(`DROP INDEX \`IDX_3868fb3c8f11af7b5c733cd377\` ON \`trial\``);
    await queryRunner.query(`DROP INDEX \`IDX_80c57dcd349fb19906bdfd2747\` ON \`trial\``);
    await queryRunner.query(`DROP INDEX \`IDX_1a2a975ec84b76580bbfd0638d\` ON \`trial\``);
    await queryRunner.query(`DROP TABLE \`trial\``);
    await queryRunner.query(`DROP INDEX \`IDX_f7e83e80e57f7c796bcd404296\` ON \`entitlement\``);
    await queryRunner.query(`DROP INDEX \`IDX_694963c1440ceb2e8388dd02cb\` ON \`entitlement\``);
    await queryRunner.query(`DROP TABLE \`entitlement\``);
    await queryRunner.query(`DROP INDEX \`IDX_7d4f9d185e64897b9b7ef6a0fe\` ON \`outbox_event\``);
    await queryRunner.query(`DROP TABLE \`outbox_event\``);
  }
}
