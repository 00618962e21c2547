import { outboxTableDown, outboxTableUp } from "@partnergraph/kit";
import { MigrationInterface, QueryRunner } from "typeorm";

/** Support publishes events too: its transactional outbox, in the shape the other publishers reached. */
export class Outbox1795735758241 implements MigrationInterface {
  name = "Outbox1795735758241";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await outboxTableUp(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await outboxTableDown(queryRunner);
  }
}
