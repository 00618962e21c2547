import { orderedOutboxDown, orderedOutboxUp } from "@partnergraph/kit";
import { MigrationInterface, QueryRunner } from "typeorm";

/** Outbox events keep their aggregate's order and are claimed by one relay replica at a time. */
export class OrderedOutbox1795709378949 implements MigrationInterface {
  name = "OrderedOutbox1795709378949";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await orderedOutboxUp(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await orderedOutboxDown(queryRunner);
  }
}
