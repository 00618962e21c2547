import { MigrationInterface, QueryRunner } from "typeorm";

export class SupportTicketsNotificationsContactsAgreements1795433606908 implements MigrationInterface {
  name = "SupportTicketsNotificationsContactsAgreements1795433606908";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`applied_event\` (\`id\` varchar(36) NOT NULL, \`type\` varchar(80) NOT NULL, \`applied_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`partner_support_agreement\` (\`id\` varchar(20) NOT NULL, \`partner_id\` varchar(20) NOT NULL, \`tier\` varchar(12) NOT NULL, \`period_start\` datetime(3) NOT NULL, \`period_end\` datetime(3) NOT NULL, \`base_incidents\` int NOT NULL, \`annual_fee\` int NOT NULL, \`currency\` varchar(3) NOT NULL, \`created_by_user_id\` varchar(20) NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX \`IDX_ccf020cca7fe96f8f3ca83ea6f\` (\`partner_id\`, \`period_start\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`incident_pack\` (\`id\` varchar(20) NOT NULL, \`agreement_id\` varchar(20) NOT NULL, \`incidents\` int NOT NULL, \`purchased_by_user_id\` varchar(20) NOT NULL, \`purchased_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`IDX_e3c5d4707fb1ad0cdbab6b3189\` (\`agreement_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`support_pin\` (\`pin\` varchar(12) NOT NULL, \`user_id\` varchar(20) NOT NULL, \`partner_id\` varchar(20) NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX \`IDX_4ad7d8d8fcc2d860d82e754297\` (\`user_id\`), PRIMARY KEY (\`pin\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`named_support_contact\` (\`id\` varchar(20) NOT NULL, \`agreement_id\` varchar(20) NOT NULL, \`user_id\` varchar(20) NOT NULL, \`pin\` varchar(12) NOT NULL, \`certified_products\` text NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX \`IDX_1fa66435550a3f9e37e0a1b16a\` (\`agreement_id\`, \`user_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`partner_support_case\` (\`id\` varchar(20) NOT NULL, \`agreement_id\` varchar(20) NOT NULL, \`pin\` varchar(12) NOT NULL, \`user_id\` varchar(20) NOT NULL, \`service_code\` varchar(40) NOT NULL, \`title\` varchar(200) NOT NULL, \`product_bug\` tinyint NOT NULL DEFAULT 0, \`credited_at\` datetime(3) NULL, \`opened_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`IDX_e9fb4f0e6615d5aebdc1070877\` (\`agreement_id\`, \`opened_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`contact\` (\`id\` varchar(20) NOT NULL, \`organization_id\` varchar(20) NOT NULL, \`user_id\` varchar(20) NOT NULL, \`role\` varchar(30) NOT NULL, \`named_by_user_id\` varchar(20) NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX \`IDX_b018feff90875d38b876d9a1c1\` (\`organization_id\`, \`user_id\`, \`role\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`ticket\` (\`id\` varchar(20) NOT NULL, \`number\` varchar(20) NOT NULL, \`organization_id\` varchar(20) NOT NULL, \`title\` varchar(200) NOT NULL, \`description\` text NOT NULL, \`service_code\` varchar(40) NULL, \`severity\` int NOT NULL, \`status\` varchar(24) NOT NULL, \`language\` varchar(2) NOT NULL, \`opened_by_user_id\` varchar(20) NOT NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), \`updated_at\` datetime(3) NOT NULL, UNIQUE INDEX \`IDX_a8d5171cdff59b4d6fc2c6d092\` (\`number\`), INDEX \`IDX_e6bee27cbda80c3c8ea3620967\` (\`organization_id\`, \`created_at\`), INDEX \`IDX_aed4e43eb03fc439e58db6b46f\` (\`organization_id\`, \`status\`, \`created_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`notification\` (\`id\` varchar(20) NOT NULL, \`organization_id\` varchar(20) NOT NULL, \`category\` varchar(40) NOT NULL, \`title\` varchar(200) NOT NULL, \`body\` text NOT NULL, \`related_organization_id\` varchar(20) NULL, \`source_event_id\` varchar(36) NULL, \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), INDEX \`IDX_ea47c04d00cf77aa13ea64bf6c\` (\`organization_id\`, \`created_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`notification_dismissal\` (\`id\` varchar(20) NOT NULL, \`notification_id\` varchar(20) NOT NULL, \`organization_id\` varchar(20) NOT NULL, \`dismissed_by_user_id\` varchar(20) NOT NULL, \`dismissed_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), UNIQUE INDEX \`IDX_18f374e999b8b767b139a60d1c\` (\`notification_id\`, \`organization_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_18f374e999b8b767b139a60d1c\` ON \`notification_dismissal\``);
    await queryRunner.query(`DROP TABLE \`notification_dismissal\``);
    await queryRunner.query(`DROP INDEX \`IDX_ea47c04d00cf77aa13ea64bf6c\` ON \`notification\``);
    await queryRunner.query(`DROP TABLE \`notification\``);
    await queryRunner.query(`DROP INDEX \`IDX_aed4e43eb03fc439e58db6b46f\` ON \`ticket\``);
    await queryRunner.query(`DROP INDEX \`IDX_e6bee27cbda80c3c8ea3620967\` ON \`ticket\``);
    await queryRunner.query(`DROP INDEX \`IDX_a8d5171cdff59b4d6fc2c6d092\` ON \`ticket\``);
    await queryRunner.query(`DROP TABLE \`ticket\``);
    await queryRunner.query(`DROP INDEX \`IDX_b018feff90875d38b876d9a1c1\` ON \`contact\``);
    await queryRunner.query(`DROP TABLE \`contact\``);
    await queryRunner.query(`DROP INDEX \`IDX_e9fb4f0e6615d5aebdc1070877\` ON \`partner_support_case\``);
    await queryRunner.query(`DROP TABLE \`partner_support_case\``);
    await queryRunner.query(`DROP INDEX \`IDX_1fa66435550a3f9e37e0a1b16a\` ON \`named_support_contact\``);
    await queryRunner.query(`DROP TABLE \`named_support_contact\``);
    await queryRunner.query(`DROP INDEX \`IDX_4ad7d8d8fcc2d860d82e754297\` ON \`support_pin\``);
    await queryRunner.query(`DROP TABLE \`support_pin\``);
    await queryRunner.query(`DROP INDEX \`IDX_e3c5d4707fb1ad0cdbab6b3189\` ON \`incident_pack\``);
    await queryRunner.query(`DROP TABLE \`incident_pack\``);
    await queryRunner.query(`DROP INDEX \`IDX_ccf020cca7fe96f8f3ca83ea6f\` ON \`partner_support_agreement\``);
    await queryRunner.query(`DROP TABLE \`partner_support_agreement\``);
    await queryRunner.query(`DROP TABLE \`applied_event\``);
  }
}
