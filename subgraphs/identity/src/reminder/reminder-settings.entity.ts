import type { ReminderLeadTimes } from "@partnergraph/contracts";
import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

/** What an organization gets until it chooses: a month and a week before a subscription ends, and so on. */
export const DEFAULT_LEAD_TIMES: ReminderLeadTimes = {
  entitlementDays: [30, 7],
  trialDays: [14, 3],
  grantDays: [14, 3],
  consentDays: [7, 1],
};

/** An organization's chosen lead times (a row only once it has chosen; the defaults otherwise). */
@Entity("reminder_settings")
@ObjectType({ description: "How many days ahead an organization is reminded that something of it ends" })
export class ReminderSettings implements ReminderLeadTimes {
  @PrimaryColumn({ name: "organization_id", type: "varchar", length: 20 })
  organizationId: string;

  @Column({ name: "entitlement_days", type: "simple-json" })
  @Field(() => [Int], { description: "Before an entitlement (subscription) expires; also sent to its renewal contact" })
  entitlementDays: number[];

  @Column({ name: "trial_days", type: "simple-json" })
  @Field(() => [Int], { description: "Before a trial ends" })
  trialDays: number[];

  @Column({ name: "grant_days", type: "simple-json" })
  @Field(() => [Int], { description: "Before an administrator grant it holds or has given ends" })
  grantDays: number[];

  @Column({ name: "consent_days", type: "simple-json" })
  @Field(() => [Int], { description: "Before a consent it gave or was given ends" })
  consentDays: number[];

  @Column({ name: "updated_at", type: "datetime", precision: 3 })
  updatedAt: Date;

  @Column({ name: "updated_by_user_id", type: "varchar", length: 20 })
  updatedByUserId: string;
}
