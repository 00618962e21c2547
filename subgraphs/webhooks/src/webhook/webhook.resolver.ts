import { RequestContext } from "@partnergraph/kit";
import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { Webhook, WebhookReplay, WebhookWithSecret } from "./webhook.entity";
import { CreateWebhookInput } from "./webhook.inputs";
import { WebhookService } from "./webhook.service";

@Resolver(() => Webhook)
export class WebhookResolver {
  @Query(() => [Webhook], { description: "The acting organization's webhooks (its administrators only)" })
  webhooks(@Ctx() ctx: RequestContext): Promise<Webhook[]> {
    return ctx.use(WebhookService).list();
  }

  @Mutation(() => WebhookWithSecret, { description: "Subscribes an endpoint; the signing secret is shown this once" })
  createWebhook(@Arg("input") input: CreateWebhookInput, @Ctx() ctx: RequestContext): Promise<WebhookWithSecret> {
    return ctx.use(WebhookService).create(input);
  }

  @Mutation(() => WebhookWithSecret, {
    description: "A new signing secret, shown this once; the old one stops at once",
  })
  rotateWebhookSecret(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<WebhookWithSecret> {
    return ctx.use(WebhookService).rotateSecret(id);
  }

  @Mutation(() => Boolean, { description: "Removes the webhook and its delivery log" })
  deleteWebhook(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.use(WebhookService).delete(id);
  }

  @Mutation(() => WebhookReplay, {
    description: "Sends again, in order, every event the webhook was sent since an instant",
  })
  replayWebhook(
    @Arg("id", () => ID) id: string,
    @Arg("since") since: Date,
    @Ctx() ctx: RequestContext,
  ): Promise<WebhookReplay> {
    return ctx.use(WebhookService).replay(id, since);
  }
}
