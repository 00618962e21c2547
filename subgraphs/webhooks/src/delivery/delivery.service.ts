import {
  applyKeyset,
  decodeCursor,
  firstRowsPerParent,
  Page,
  PageArgs,
  RequestContext,
  slicePage,
  toPage,
} from "@partnergraph/kit";
import { In } from "typeorm";
import type { Webhook } from "../webhook/webhook.entity";
import { WebhookAttempt, WebhookDelivery } from "./delivery.entity";

const keyOf = (delivery: WebhookDelivery) => [Number(delivery.seq)];

/**
 * A webhook's delivery log, newest first. Only webhooks the caller was already allowed to read reach here
 * (the Webhook type has no key: it is reached through `webhooks` alone, which checks the caller).
 */
export class DeliveryService {
  constructor(private readonly ctx: RequestContext) {}

  /** First pages of every webhook in the answer: one statement whatever their number. */
  async page(webhook: Webhook, { first, after }: PageArgs): Promise<Page<WebhookDelivery>> {
    const cursor = decodeCursor(after, 1);
    const repository = this.ctx.repository(WebhookDelivery);
    if (!cursor) {
      const slice = await this.ctx
        .loader<string, ReturnType<typeof slicePage<WebhookDelivery>>>(`deliveries:${first}`, async (ids) =>
          (
            await firstRowsPerParent({
              repository,
              parentColumn: "webhook_id",
              parentProperty: "webhookId",
              parentIds: ids,
              orderBy: [["seq", "DESC"]],
              first,
            })
          ).map((slice) => slicePage(slice, keyOf)),
        )
        .load(webhook.id);
      return slice;
    }
    const query = repository.createQueryBuilder("d").where("d.webhook_id = :id", { id: webhook.id });
    const [rows, totalCount] = await Promise.all([
      applyKeyset(query.clone(), [{ column: "d.seq", direction: "DESC" }], cursor)
        .limit(first + 1)
        .getMany(),
      query.getCount(),
    ]);
    return toPage(rows, first, totalCount, keyOf);
  }

  /** Each delivery's attempts, oldest first: one statement for every delivery in the answer. */
  attempts(delivery: WebhookDelivery): Promise<WebhookAttempt[]> {
    return this.ctx
      .loader<string, WebhookAttempt[]>("attempts", async (ids) => {
        const rows = await this.ctx
          .repository(WebhookAttempt)
          .find({ where: { deliveryId: In([...ids]) }, order: { seq: "ASC" } });
        return ids.map((id) => rows.filter((row) => row.deliveryId === id));
      })
      .load(delivery.id);
  }
}
