import { appliedEventPruneIndexDown, appliedEventPruneIndexUp } from "@partnergraph/kit";
import { MigrationInterface, QueryRunner } from "typeorm";

/** Applied-event records are pruned by age (EVENT_RETENTION_SECONDS): index applied_at. */
export class AppliedEventPruneIndex1795740000000 implements MigrationInterface {
  name = "AppliedEventPruneIndex1795740000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await appliedEventPruneIndexUp(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await appliedEventPruneIndexDown(queryRunner);
  }
}
