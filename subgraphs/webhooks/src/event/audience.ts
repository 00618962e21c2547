import { CONNECTED_PARTNERS_ROUTE } from "@partnergraph/contracts";
import { callRoute, DataArea } from "@partnergraph/kit";
import type { Webhook } from "../webhook/webhook.entity";
import { AREA_OF_PUBLIC_TYPE } from "./event-types";
import type { WebhookEvent } from "./webhook-event.entity";

/** Per customer, the partners connected to it now and the areas its consent shares with each (asked live). */
export type SharedWith = Map<string, Record<string, DataArea[]>>;

/** Asks connections once for all these customers; none asked, no call. */
export async function sharedWith(customerIds: string[]): Promise<SharedWith> {
  const ids = [...new Set(customerIds)];
  if (!ids.length) return new Map();
  const { partners } = await callRoute(CONNECTED_PARTNERS_ROUTE, { customerIds: ids });
  return new Map(ids.map((id) => [id, partners[id] ?? {}]));
}

/**
 * Whether a webhook may receive an event: always when its organization is one the event is about; for another
 * organization, only when the event is about a customer's data and that organization is a partner the customer
 * is ACTIVE-connected to and whose consent shares the event's area now.
 */
export function mayReceive(
  webhook: Pick<Webhook, "organizationId">,
  event: Pick<WebhookEvent, "type" | "organizationIds">,
  shared: SharedWith,
): boolean {
  if (event.organizationIds.includes(webhook.organizationId)) return true;
  const area = AREA_OF_PUBLIC_TYPE.get(event.type);
  if (!area) return false;
  return event.organizationIds.some((customerId) =>
    (shared.get(customerId)?.[webhook.organizationId] ?? []).includes(area),
  );
}

/** The customers whose partners' webhooks must be checked: owners of customer-data events among them. */
export function customersOf(events: Pick<WebhookEvent, "type" | "organizationIds">[]): string[] {
  return events.filter((e) => AREA_OF_PUBLIC_TYPE.has(e.type)).flatMap((e) => e.organizationIds);
}
