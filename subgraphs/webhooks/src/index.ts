import { publishedBy } from "@partnergraph/contracts";
import { startDayRetention, startSubgraph, SubgraphDefinition } from "@partnergraph/kit";
import { WebhookAttempt, WebhookDelivery } from "./delivery/delivery.entity";
import { WEBHOOK_DELIVERY_RETENTION } from "./delivery/delivery-log";
import { WebhookDeliveriesResolver, WebhookDeliveryResolver } from "./delivery/delivery.resolver";
import { registerDispatcher, WebhookDispatcher } from "./delivery/dispatcher";
import { webhookHandlers } from "./event/event.handlers";
import { WEBHOOK_EVENT_RETENTION } from "./event/event-retention";
import { WebhookEvent } from "./event/webhook-event.entity";
import { migrations } from "./migrations";
import { Webhook } from "./webhook/webhook.entity";
import { WebhookResolver } from "./webhook/webhook.resolver";
import { requireSecretKey } from "./webhook/secret-box";

export { dispatcherOf, deliveryBody, retryDelayMs } from "./delivery/dispatcher";
export { WEBHOOK_EVENT_RETENTION } from "./event/event-retention";
export { WEBHOOK_DELIVERY_RETENTION } from "./delivery/delivery-log";
export { isInternalAddress } from "./webhook/endpoint-policy";
export { WEBHOOK_EVENT_TYPES } from "./event/event-types";

export const webhooks: SubgraphDefinition = {
  name: "webhooks",
  resolvers: [WebhookResolver, WebhookDeliveriesResolver, WebhookDeliveryResolver],
  entities: [Webhook, WebhookEvent, WebhookDelivery, WebhookAttempt],
  migrations,
  // Every event type a webhook can receive comes from another subgraph's outbox (see event/event-types.ts);
  // its own outbox carries its audit entries.
  events: { handlers: webhookHandlers, publishes: publishedBy("webhooks") },
  onStart: async (dataSource) => {
    requireSecretKey();
    const dispatcher = new WebhookDispatcher(dataSource).start();
    registerDispatcher(dataSource, dispatcher);
    const stopEventRetention = startDayRetention(dataSource, WEBHOOK_EVENT_RETENTION);
    const stopDeliveryRetention = startDayRetention(dataSource, WEBHOOK_DELIVERY_RETENTION);
    return async () => {
      await stopEventRetention();
      await stopDeliveryRetention();
      await dispatcher.stop();
    };
  },
};

export const listen = (port: number) => startSubgraph(webhooks, { port });
