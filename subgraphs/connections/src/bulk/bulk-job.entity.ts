import type { Caller } from "@partnergraph/kit";
import { CreatedAtColumn } from "@partnergraph/kit";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

export enum BulkJobKind {
  ADD_CUSTOMERS = "ADD_CUSTOMERS",
  TERMINATE_CONNECTIONS = "TERMINATE_CONNECTIONS",
  /** A service (started as an ACTIVE trial, as addService does) for each of many customers. */
  ADD_SERVICE = "ADD_SERVICE",
}
registerEnumType(BulkJobKind, { name: "BulkJobKind" });

export enum BulkJobStatus {
  QUEUED = "QUEUED",
  RUNNING = "RUNNING",
  /** Every item succeeded or failed. */
  COMPLETED = "COMPLETED",
}
registerEnumType(BulkJobStatus, { name: "BulkJobStatus" });

export enum BulkItemStatus {
  PENDING = "PENDING",
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
}
registerEnumType(BulkItemStatus, { name: "BulkJobItemStatus" });

/** Work on many items for one organization, run in the background item by item; survives a restart. */
@Entity("bulk_job")
@Index("IDX_bulk_job_idempotency", ["organizationId", "idempotencyKey"], { unique: true })
@Index("IDX_bulk_job_open", ["status", "createdAt"])
@Index("IDX_bulk_job_finished", ["finishedAt"])
@ObjectType({ description: "Bulk work as a job: each item succeeds or fails on its own" })
export class BulkJob {
  @PrimaryColumn({ type: "varchar", length: 20 })
  @Field(() => ID)
  id: string;

  @Column({ name: "organization_id", type: "varchar", length: 20 })
  organizationId: string;

  @Column({ type: "varchar", length: 30 })
  @Field(() => BulkJobKind)
  kind: BulkJobKind;

  @Column({ name: "idempotency_key", type: "varchar", length: 200 })
  idempotencyKey: string;

  @Column({ type: "varchar", length: 12 })
  @Field(() => BulkJobStatus)
  status: BulkJobStatus;

  @Column({ type: "int" })
  @Field(() => Int)
  total: number;

  @Column({ type: "int", default: 0 })
  @Field(() => Int)
  succeeded: number;

  @Column({ type: "int", default: 0 })
  @Field(() => Int)
  failed: number;

  /** Who started it, as the gateway resolved them then: every item runs as this caller, under the same rules. */
  @Column({ type: "simple-json" })
  caller: Caller;

  @CreatedAtColumn("created_at")
  @Field()
  createdAt: Date;

  @Column({ name: "finished_at", type: "datetime", precision: 3, nullable: true })
  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;

  /** The runner working on it (replicas share the table), and until when that claim holds. */
  @Column({ name: "claimed_by", type: "varchar", length: 36, nullable: true })
  claimedBy: string | null;

  @Column({ name: "claimed_until", type: "datetime", precision: 3, nullable: true })
  claimedUntil: Date | null;
}

@ObjectType({ description: "Why an item failed: the code and field the single operation would have answered" })
export class BulkItemError {
  @Field()
  code: string;

  @Field()
  message: string;

  @Field(() => String, { nullable: true })
  field: string | null;
}

/** One item of a job: its input, and once run, its result or its error. */
@Entity("bulk_job_item")
@ObjectType({ description: "One item of a bulk job" })
export class BulkJobItem {
  @PrimaryColumn({ name: "job_id", type: "varchar", length: 20 })
  jobId: string;

  @PrimaryColumn({ name: "item_index", type: "int" })
  @Field(() => Int, { description: "Its position in the job's input, from 0" })
  index: number;

  @Column({ type: "varchar", length: 12 })
  @Field(() => BulkItemStatus)
  status: BulkItemStatus;

  @Column({ type: "simple-json" })
  input: Record<string, string>;

  @Column({ name: "result_id", type: "varchar", length: 40, nullable: true })
  @Field(() => ID, { nullable: true, description: "What it created or changed (a connection's id, a trial's id)" })
  resultId: string | null;

  @Column({ name: "error_code", type: "varchar", length: 40, nullable: true })
  errorCode: string | null;

  @Column({ name: "error_message", type: "varchar", length: 500, nullable: true })
  errorMessage: string | null;

  @Column({ name: "error_field", type: "varchar", length: 100, nullable: true })
  errorField: string | null;

  @Column({ name: "finished_at", type: "datetime", precision: 3, nullable: true })
  finishedAt: Date | null;
}
