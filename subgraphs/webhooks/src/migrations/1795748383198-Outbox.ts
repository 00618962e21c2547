import { outboxTableDown, outboxTableUp } from "@partnergraph/kit";
import { MigrationInterface, QueryRunner } from "typeorm";

/** Webhooks publishes too (its audit entries): the transactional outbox, as support took it. */
export class Outbox1795748383198 implements MigrationInterface {
  name = "Outbox1795748383198";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await outboxTableUp(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await outboxTableDown(queryRunner);
  }
}
