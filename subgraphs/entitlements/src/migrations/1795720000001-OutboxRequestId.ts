import { outboxRequestIdDown, outboxRequestIdUp } from "@partnergraph/kit";
import { MigrationInterface, QueryRunner } from "typeorm";

/** Outbox events remember the request that caused them. */
export class OutboxRequestId1795720000001 implements MigrationInterface {
  name = "OutboxRequestId1795720000001";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await outboxRequestIdUp(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await outboxRequestIdDown(queryRunner);
  }
}
