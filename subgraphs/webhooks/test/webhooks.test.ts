import {
  Caller,
  config,
  CONTEXT_HEADER,
  newId,
  RunningSubgraph,
  setConfig,
  signContext,
  startSubgraph,
} from "@partnergraph/kit";
import { isInternalAddress, retryDelayMs, webhooks } from "../src";
import { openSecret } from "../src/webhook/secret-box";

// The subgraph alone, called as the gateway would: with a signed caller context.
let running: RunningSubgraph;
beforeAll(async () => (running = await startSubgraph(webhooks, { port: 0 })));
afterAll(() => running?.stop());

function callerOf(organizationId: string, role: Caller["role"] = "ADMIN"): Caller {
  return {
    userId: newId("USR"),
    email: "someone@test.example",
    displayName: "Someone",
    homeOrganizationId: organizationId,
    organizationId,
    role,
    grantAccess: null,
    grantServiceCodes: [],
    isPartner: false,
    isVendorAdmin: false,
  };
}

async function call(caller: Caller | null, query: string, variables: Record<string, unknown> = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (caller) headers[CONTEXT_HEADER] = signContext({ requestId: newId("REQ"), caller, issuedAt: Date.now() });
  const response = await fetch(running.url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as {
    data?: any;
    errors?: { message: string; extensions?: { code?: string; field?: string } }[];
  };
}

const CREATE = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id url eventTypes active } } }`;
const LIST = `{ webhooks { id url eventTypes } }`;
const create = (caller: Caller, url = "http://127.0.0.1:9/hooks", eventTypes = ["CUSTOMER_CONNECTED"]) =>
  call(caller, CREATE, { input: { url, eventTypes } });

it("answers nothing without the gateway's signed context", async () => {
  expect((await call(null, "{ __typename }")).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
});

it("shows the secret once and keeps it only encrypted", async () => {
  const admin = callerOf(newId("ORG"));
  const { data } = await create(admin);
  const { secret, webhook } = data.createWebhook;
  expect(secret).toMatch(/^whsec_[\w-]{43}$/);
  const [row] = await running.dataSource.query(`SELECT * FROM webhook WHERE id = ?`, [webhook.id]);
  expect(JSON.stringify(row)).not.toContain(secret.slice(6));
  expect(openSecret(row.secret_ciphertext)).toBe(secret);
  // Another key cannot open it (the GCM tag fails rather than yielding garbage).
  const key = config().webhookSecretKey;
  setConfig({ webhookSecretKey: `${key}-other` });
  try {
    expect(() => openSecret(row.secret_ciphertext)).toThrow();
  } finally {
    setConfig({ webhookSecretKey: key });
  }
  const rotated = (
    await call(admin, `mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }`, { id: webhook.id })
  ).data.rotateWebhookSecret.secret;
  expect(rotated).not.toBe(secret);
  const [after] = await running.dataSource.query(`SELECT secret_ciphertext FROM webhook WHERE id = ?`, [webhook.id]);
  expect(openSecret(after.secret_ciphertext)).toBe(rotated);
});

it("lets only the organization's administrators manage its webhooks; another organization's are NOT_FOUND", async () => {
  const owner = callerOf(newId("ORG"));
  const id = (await create(owner)).data.createWebhook.webhook.id;
  const member = callerOf(owner.organizationId!, "MEMBER");
  expect((await call(member, LIST)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  expect((await create(member)).errors?.[0].extensions?.code).toBe("FORBIDDEN");

  const stranger = callerOf(newId("ORG"));
  expect((await call(stranger, LIST)).data.webhooks).toEqual([]);
  for (const mutation of [
    `mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }`,
    `mutation($id: ID!) { deleteWebhook(id: $id) }`,
    `mutation($id: ID!) { replayWebhook(id: $id, since: "2020-01-01T00:00:00Z") { queued } }`,
  ])
    expect((await call(stranger, mutation, { id })).errors?.[0].extensions?.code).toBe("NOT_FOUND");
  expect((await call(owner, LIST)).data.webhooks.map((w: { id: string }) => w.id)).toEqual([id]);

  expect((await call(owner, `mutation($id: ID!) { deleteWebhook(id: $id) }`, { id })).data.deleteWebhook).toBe(true);
  expect((await call(owner, LIST)).data.webhooks).toEqual([]);
});

it("refuses bad input naming the field, and writes nothing", async () => {
  const admin = callerOf(newId("ORG"));
  const cases: [string, string[], string][] = [
    ["not a url", ["CUSTOMER_CONNECTED"], "url"],
    ["ftp://example.com/hooks", ["CUSTOMER_CONNECTED"], "url"],
    ["http://user:pass@127.0.0.1/hooks", ["CUSTOMER_CONNECTED"], "url"],
    ["http://127.0.0.1:9/hooks", ["NO_SUCH_EVENT"], "eventTypes"],
    ["http://127.0.0.1:9/hooks", [], "eventTypes"],
  ];
  for (const [url, eventTypes, field] of cases)
    expect((await create(admin, url, eventTypes)).errors?.[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field,
    });
  expect((await call(admin, LIST)).data.webhooks).toEqual([]);
});

describe("in production", () => {
  const before = config().nodeEnv;
  beforeAll(() => setConfig({ nodeEnv: "production" }));
  afterAll(() => setConfig({ nodeEnv: before }));

  it("takes HTTPS only and no address inside the network, whatever name points there", async () => {
    const admin = callerOf(newId("ORG"));
    for (const url of [
      "http://example.com/hooks",
      "https://127.0.0.1/hooks",
      "https://localhost/hooks",
      "https://169.254.169.254/latest/meta-data",
      "https://10.1.2.3/hooks",
      "https://[::1]/hooks",
      "https://[::ffff:127.0.0.1]/hooks",
      "https://192.168.0.10/hooks",
    ])
      expect({ url, ...(await create(admin, url)).errors?.[0].extensions }).toMatchObject({
        url,
        code: "BAD_USER_INPUT",
        field: "url",
      });
    expect((await call(admin, LIST)).data.webhooks).toEqual([]);
  });
});

it("classifies addresses: internal ranges refused, public ones allowed", () => {
  for (const internal of [
    "127.0.0.1",
    "10.0.0.1",
    "172.16.5.4",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "::1",
    "fe80::1",
    "fd00::1",
    "::ffff:10.0.0.1",
    "224.0.0.1",
  ])
    expect({ internal, refused: isInternalAddress(internal) }).toEqual({ internal, refused: true });
  for (const external of ["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700:4700::1111"])
    expect({ external, refused: isInternalAddress(external) }).toEqual({ external, refused: false });
});

it("backs off exponentially with jitter, capped at an hour", () => {
  expect(retryDelayMs(1, 1000, 1)).toBe(1000);
  expect(retryDelayMs(1, 1000, 0)).toBe(500);
  expect(retryDelayMs(4, 1000, 1)).toBe(8000);
  expect(retryDelayMs(30, 1000, 1)).toBe(3_600_000);
});
