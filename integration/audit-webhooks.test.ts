import { AUDIT_ACTIONS } from "@partnergraph/contracts";
import {
  CreateWebhookDocument,
  DeleteWebhookDocument,
  ReplayWebhookDocument,
  RotateWebhookSecretDocument,
} from "@partnergraph/operations";
import { Actor, AuditTrail, Client, Seed, useStack } from "./testkit";

let seed: Seed;
let client: Client;
let trail: AuditTrail;
useStack((started) => {
  ({ seed, client } = started);
  trail = new AuditTrail(started.stack, client);
});

/** A path and query that carry a token, as chat services' incoming-webhook URLs do: no entry may show them. */
const ENDPOINT = "http://127.0.0.1:9/hooks/T0KEN-SECRET?key=K3Y";

const WEBHOOK_ACTIONS = [
  AUDIT_ACTIONS.createWebhook,
  AUDIT_ACTIONS.rotateWebhookSecret,
  AUDIT_ACTIONS.replayWebhook,
  AUDIT_ACTIONS.deleteWebhook,
];

/** Creates a webhook as `actor`, rotates its secret, replays it and deletes it; returns its id. */
async function lifecycle(actor: Actor): Promise<string> {
  const { createWebhook } = await client.ok(actor, CreateWebhookDocument, {
    input: { url: ENDPOINT, eventTypes: ["CUSTOMER_CONNECTED"] },
  });
  const id = createWebhook.webhook.id;
  await client.ok(actor, RotateWebhookSecretDocument, { id });
  await client.ok(actor, ReplayWebhookDocument, { id, since: new Date(Date.now() - 3_600_000).toISOString() });
  await client.ok(actor, DeleteWebhookDocument, { id });
  return id;
}

describe("webhooks' changes in the audit trail", () => {
  it("records a webhook's life: the customer sees it, the partner whose person acted sees it, the vendor all", async () => {
    // The vendor sees every test's entries: this test reads its own (files run one at a time), so an earlier
    // file's entry cannot crowd or spoil the page.
    const since = new Date().toISOString();
    const [partner, customer, other] = [await seed.partner(), await seed.customer(), await seed.partner()];
    await seed.administrator(customer, partner.admin);
    const byCustomer = await lifecycle(customer.admin);
    const byPartner = await lifecycle({ ...partner.admin, organizationId: customer.id });
    await trail.drain();

    const life = (id: string) => [
      `webhook.delete ${id}`,
      `webhook.replay ${id}`,
      `webhook.rotate-secret ${id}`,
      `webhook.create ${id}`,
    ];
    const subjects = [byCustomer, byPartner];
    expect(await trail.seen(customer.admin, subjects)).toEqual([...life(byPartner), ...life(byCustomer)]);
    expect(await trail.seen(partner.admin, subjects)).toEqual(life(byPartner));
    expect(await trail.seen(other.admin, subjects)).toEqual([]);
    expect(await trail.seen(await seed.vendorAdmin(), subjects, { actions: WEBHOOK_ACTIONS, since })).toHaveLength(8);

    const entries = await trail.entries(partner.admin, { actions: WEBHOOK_ACTIONS });
    expect(entries.map((entry) => [entry.actor?.email, entry.viaAdministratorGrant])).toEqual(
      Array(4).fill([partner.admin.email, true]),
    );
    expect(entries.map((entry) => entry.summary).reverse()).toEqual([
      "Subscribed an endpoint at 127.0.0.1:9 to CUSTOMER_CONNECTED",
      "Rotated the signing secret of the webhook to 127.0.0.1:9",
      expect.stringMatching(/^Replayed 0 events since .* to 127\.0\.0\.1:9$/),
      "Deleted the webhook to 127.0.0.1:9 with its delivery log",
    ]);
  });

  it("records nothing for a refused change", async () => {
    const customer = await seed.customer();
    const member = await seed.member(customer);
    const refused = await client.error(member, CreateWebhookDocument, {
      input: { url: ENDPOINT, eventTypes: ["CUSTOMER_CONNECTED"] },
    });
    expect(refused.code).toBe("FORBIDDEN");
    const unknown = await client.error(customer.admin, CreateWebhookDocument, {
      input: { url: ENDPOINT, eventTypes: ["NOPE"] },
    });
    expect(unknown).toMatchObject({ code: "BAD_USER_INPUT", field: "eventTypes" });
    await trail.drain();
    expect(await trail.entries(customer.admin, { actions: WEBHOOK_ACTIONS })).toEqual([]);
  });
});
