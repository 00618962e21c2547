import type { ReminderLeadTimes } from "@partnergraph/contracts";
import { MAX_REMINDER_DAYS } from "@partnergraph/contracts";
import { ArrayMaxSize, ArrayUnique, Max, Min } from "class-validator";
import { Field, InputType, Int } from "type-graphql";

const MAX_PER_KIND = 5;
const days = (what: string) => [
  ArrayMaxSize(MAX_PER_KIND, { message: `${what} holds at most ${MAX_PER_KIND} lead times` }),
  ArrayUnique({ message: `${what} names each lead time once` }),
  Min(1, { each: true, message: `${what} are whole days from 1 to ${MAX_REMINDER_DAYS}` }),
  Max(MAX_REMINDER_DAYS, { each: true, message: `${what} are whole days from 1 to ${MAX_REMINDER_DAYS}` }),
];
const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };

@InputType({ description: "Lead times in days, 1 to 90, at most 5 of each kind; [] turns that kind of reminder off" })
export class ReminderSettingsInput implements ReminderLeadTimes {
  @Field(() => [Int])
  @apply(days("entitlementDays"))
  entitlementDays: number[];

  @Field(() => [Int])
  @apply(days("trialDays"))
  trialDays: number[];

  @Field(() => [Int])
  @apply(days("grantDays"))
  grantDays: number[];

  @Field(() => [Int])
  @apply(days("consentDays"))
  consentDays: number[];
}
