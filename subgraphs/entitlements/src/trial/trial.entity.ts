import { CreatedAtColumn } from "@partnergraph/kit";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

export enum TrialStatus {
  PENDING = "PENDING",
  ACTIVE = "ACTIVE",
  EXPIRED = "EXPIRED",
  DECLINED = "DECLINED",
}
registerEnumType(TrialStatus, {
  name: "TrialStatus",
  description: "PENDING until the vendor decides; ACTIVE from approval to its end; EXPIRED after it; DECLINED",
});

/** What is stored; EXPIRED is never stored, it is an ACTIVE trial whose end has passed. */
export type StoredTrialStatus = TrialStatus.PENDING | TrialStatus.ACTIVE | TrialStatus.DECLINED;

@Entity("trial")
@Index(["organizationId", "requestedAt"])
@Index(["storedStatus", "endsAt"])
@ObjectType({ description: "An organization's time-limited trial of a service" })
export class Trial {
  @PrimaryColumn({ type: "varchar", length: 20 })
  @Field(() => ID)
  id: string;

  @Column({ name: "organization_id", type: "varchar", length: 20 })
  organizationId: string;

  @Column({ name: "service_code", type: "varchar", length: 40 })
  serviceCode: string;

  /** Stored status (PENDING, ACTIVE, DECLINED); read `trialStatus(trial, now)` for the true one. */
  @Column({ name: "status", type: "varchar", length: 10 })
  storedStatus: StoredTrialStatus;

  /**
   * "organizationId:serviceCode" while the trial is open (PENDING, or ACTIVE and not yet ended), NULL
   * once closed. Unique: the database itself allows one open trial per organization and service.
   */
  @Index({ unique: true })
  @Column({ name: "open_key", type: "varchar", length: 64, nullable: true })
  openKey: string | null;

  @CreatedAtColumn("requested_at")
  @Field({ description: "When the trial was requested (or added by a partner)" })
  requestedAt: Date;

  @Column({ name: "requested_by_user_id", type: "varchar", length: 20 })
  requestedByUserId: string;

  /** The partner that added the service for the customer (addService), or null when the organization asked itself. */
  @Column({ name: "added_by_organization_id", type: "varchar", length: 20, nullable: true })
  addedByOrganizationId: string | null;

  /** The bulk job item that added it ("jobId:index"): a restarted job asking again gets this trial, not a second. */
  @Index({ unique: true })
  @Column({ name: "bulk_item_key", type: "varchar", length: 40, nullable: true })
  bulkItemKey: string | null;

  @Column({ name: "starts_at", type: "datetime", precision: 3, nullable: true })
  @Field(() => Date, { nullable: true })
  startsAt: Date | null;

  @Column({ name: "ends_at", type: "datetime", precision: 3, nullable: true })
  @Field(() => Date, { nullable: true })
  endsAt: Date | null;

  @Column({ name: "decided_at", type: "datetime", precision: 3, nullable: true })
  @Field(() => Date, { nullable: true, description: "When the vendor approved or declined it" })
  decidedAt: Date | null;

  @Column({ name: "decided_by_user_id", type: "varchar", length: 20, nullable: true })
  decidedByUserId: string | null;

  /** No longer written: reminders are claimed in the reminder_sent ledger per end and lead time. Dropped later with the bench seed that still fills it. */
  @Column({ name: "expiry_announced_at", type: "datetime", precision: 3, nullable: true })
  expiryAnnouncedAt: Date | null;
}

export const openKeyOf = (organizationId: string, serviceCode: string) => `${organizationId}:${serviceCode}`;

/** The status as of `now`: an ACTIVE trial past its end is EXPIRED, whether or not any job has run. */
export function trialStatus(trial: Pick<Trial, "storedStatus" | "endsAt">, now = new Date()): TrialStatus {
  if (trial.storedStatus === TrialStatus.ACTIVE && trial.endsAt && trial.endsAt.getTime() <= now.getTime())
    return TrialStatus.EXPIRED;
  return trial.storedStatus;
}

/** Open trials block a new one: PENDING, or ACTIVE and not yet ended. */
export function isOpen(trial: Pick<Trial, "storedStatus" | "endsAt">, now = new Date()): boolean {
  const status = trialStatus(trial, now);
  return status === TrialStatus.PENDING || status === TrialStatus.ACTIVE;
}
