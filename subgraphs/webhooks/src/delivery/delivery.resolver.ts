import { ConnectionType, Page, PageArgs, RequestContext } from "@partnergraph/kit";
import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Webhook } from "../webhook/webhook.entity";
import { WebhookAttempt, WebhookDelivery } from "./delivery.entity";
import { DeliveryService } from "./delivery.service";

export const WebhookDeliveryConnection = ConnectionType("WebhookDelivery", WebhookDelivery);

@Resolver(() => Webhook)
export class WebhookDeliveriesResolver {
  @FieldResolver(() => WebhookDeliveryConnection, { description: "The delivery log, newest first" })
  deliveries(
    @Root() webhook: Webhook,
    @Args() args: PageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<WebhookDelivery>> {
    return ctx.use(DeliveryService).page(webhook, args);
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @FieldResolver(() => [WebhookAttempt], { description: "Every attempt: when, how long, the status answered" })
  attemptLog(@Root() delivery: WebhookDelivery, @Ctx() ctx: RequestContext): Promise<WebhookAttempt[]> {
    return ctx.use(DeliveryService).attempts(delivery);
  }
}
