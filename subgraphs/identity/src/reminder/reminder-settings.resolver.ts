import { RequestContext } from "@partnergraph/kit";
import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { ReminderSettings } from "./reminder-settings.entity";
import { ReminderSettingsInput } from "./reminder-settings.inputs";
import { ReminderSettingsService } from "./reminder-settings.service";

@Resolver(() => ReminderSettings)
export class ReminderSettingsResolver {
  @Query(() => ReminderSettings, {
    description: "The acting organization's reminder lead times (defaults until chosen)",
  })
  reminderSettings(@Ctx() ctx: RequestContext) {
    return ctx.use(ReminderSettingsService).mine();
  }

  @Mutation(() => ReminderSettings, { description: "The account's administrator chooses its reminder lead times" })
  setReminderSettings(@Arg("input") input: ReminderSettingsInput, @Ctx() ctx: RequestContext) {
    return ctx.use(ReminderSettingsService).set(input);
  }
}
