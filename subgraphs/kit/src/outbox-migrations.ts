import type { QueryRunner } from "typeorm";

/**
 * Schema steps of the outbox that every publishing subgraph's migrations take, written once. Each is a
 * snapshot of one change, named after it: never edit one a migration already ran; add the next.
 */

/** Ordered, claimable outbox: `seq` (write order) becomes the key, events name their aggregate, relays claim rows. */
export async function orderedOutboxUp(queryRunner: QueryRunner): Promise<void> {
  // Earlier events each become their own aggregate: they were written with no order to keep.
  await queryRunner.query(
    "ALTER TABLE `outbox_event` DROP PRIMARY KEY, ADD `seq` bigint NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST, " +
      "ADD `aggregate_key` varchar(120) NOT NULL, ADD `claimed_by` varchar(36) NULL, ADD `claimed_until` datetime(3) NULL",
  );
  await queryRunner.query("UPDATE `outbox_event` SET `aggregate_key` = `id`");
  await queryRunner.query("ALTER TABLE `outbox_event` ADD UNIQUE INDEX `IDX_cc0c9e40998e45ecfc5e313429` (`id`)");
  await queryRunner.query(
    "CREATE INDEX `IDX_0ac68addaf44f17a73d48728f0` ON `outbox_event` (`aggregate_key`, `delivered_at`, `seq`)",
  );
}

export async function orderedOutboxDown(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query("DROP INDEX `IDX_0ac68addaf44f17a73d48728f0` ON `outbox_event`");
  await queryRunner.query(
    "ALTER TABLE `outbox_event` DROP INDEX `IDX_cc0c9e40998e45ecfc5e313429`, DROP PRIMARY KEY, DROP COLUMN `seq`, " +
      "DROP COLUMN `aggregate_key`, DROP COLUMN `claimed_by`, DROP COLUMN `claimed_until`, ADD PRIMARY KEY (`id`)",
  );
}

/** Events remember the request that caused them (request_id), for the logs of their delivery. */
export async function outboxRequestIdUp(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query("ALTER TABLE `outbox_event` ADD `request_id` varchar(128) NULL");
}

export async function outboxRequestIdDown(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query("ALTER TABLE `outbox_event` DROP COLUMN `request_id`");
}

/** Applied-event records are pruned by age: an index on applied_at makes that a range scan. */
export async function appliedEventPruneIndexUp(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query("CREATE INDEX `IDX_applied_event_applied_at` ON `applied_event` (`applied_at`)");
}

export async function appliedEventPruneIndexDown(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query("DROP INDEX `IDX_applied_event_applied_at` ON `applied_event`");
}

/** A subgraph that starts publishing: the outbox table as the publishers reached it (ordered, claimable, request id). */
export async function outboxTableUp(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(
    "CREATE TABLE `outbox_event` (`seq` bigint NOT NULL AUTO_INCREMENT, `id` varchar(36) NOT NULL, " +
      "`aggregate_key` varchar(120) NOT NULL, `type` varchar(80) NOT NULL, `payload` text NOT NULL, " +
      "`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), `pending` text NOT NULL, " +
      "`delivered_at` datetime(3) NULL, `attempts` int NOT NULL DEFAULT '0', `next_attempt_at` datetime(3) NOT NULL, " +
      "`last_error` varchar(500) NULL, `claimed_by` varchar(36) NULL, `claimed_until` datetime(3) NULL, " +
      "`request_id` varchar(128) NULL, UNIQUE INDEX `IDX_cc0c9e40998e45ecfc5e313429` (`id`), " +
      "INDEX `IDX_0ac68addaf44f17a73d48728f0` (`aggregate_key`, `delivered_at`, `seq`), " +
      "INDEX `IDX_7d4f9d185e64897b9b7ef6a0fe` (`delivered_at`, `next_attempt_at`), PRIMARY KEY (`seq`)) ENGINE=InnoDB",
  );
}

export async function outboxTableDown(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query("DROP INDEX `IDX_7d4f9d185e64897b9b7ef6a0fe` ON `outbox_event`");
  await queryRunner.query("DROP INDEX `IDX_0ac68addaf44f17a73d48728f0` ON `outbox_event`");
  await queryRunner.query("DROP INDEX `IDX_cc0c9e40998e45ecfc5e313429` ON `outbox_event`");
  await queryRunner.query("DROP TABLE `outbox_event`");
}
