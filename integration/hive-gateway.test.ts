import { RunningHiveGateway, startHiveGateway } from "@partnergraph/bench";
import { bulkRunnerOf } from "@partnergraph/connections";
import { SUPERGRAPH_PATH } from "@partnergraph/gateway";
import { SUBGRAPH_NAMES } from "@partnergraph/kit";
import type { Stack } from "@partnergraph/scripts";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Kind, parse, print } from "graphql";
import { Actor, GraphQLResponse, Org, Person, post, Seed, useStack } from "./testkit";
import { PENDING_OPERATIONS } from "../scripts/test/pending-operations";

/**
 * Another engine: Hive Gateway serves the committed supergraph over the same subgraphs, doing the same
 * per-request caller work as our gateway (bench/src/engines/hive.ts), and every contract operation answers
 * it exactly as ours does. Queries run once against the same data and must match byte for byte (as JSON);
 * a mutation runs against two worlds set up alike, one per gateway, and must match once the worlds' own
 * ids, names, fresh ids and instants are replaced by placeholders.
 */
const OPERATIONS_DIR = join(__dirname, "..", "schema", "operations");
const operations = new Map<string, string>();
for (const file of readdirSync(OPERATIONS_DIR).filter((f) => f.endsWith(".graphql"))) {
  for (const definition of parse(readFileSync(join(OPERATIONS_DIR, file), "utf8")).definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) operations.set(definition.name!.value, print(definition));
  }
}

let stack: Stack;
let seed: Seed;
let hive: RunningHiveGateway;
useStack((started) => ({ stack, seed } = started));
beforeAll(async () => {
  hive = await startHiveGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, "utf8"),
    subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, stack.subgraphs[name].url])) as Record<
      (typeof SUBGRAPH_NAMES)[number],
      string
    >,
  });
});
afterAll(() => hive?.stop());

interface Run {
  actor: Actor;
  variables?: Record<string, unknown>;
}
/** A mutation's world: who runs it with what, and the world's own values to replace by their names. */
interface World extends Run {
  names: Record<string, string>;
}

const drainRelays = async () => {
  for (const name of SUBGRAPH_NAMES) await stack.subgraphs[name].relay?.drain();
};

/** What a client compares: the data, and each error's message, path and code. */
function comparable(response: GraphQLResponse) {
  const errors = response.errors
    ?.map((e) => ({ message: e.message, path: e.path ?? null, code: e.extensions?.code ?? null }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return { data: response.data ?? null, ...(errors ? { errors } : {}) };
}

/** The world's values by name, then what any run makes afresh: ids (ORG-…, CON-…), instants and tokens. */
function masked(value: unknown, names: Record<string, string>): unknown {
  const byLength = Object.entries(names).sort(([, a], [, b]) => b.length - a.length);
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) => {
    if (typeof v !== "string") return v;
    let text = v;
    for (const [name, own] of byLength) text = text.split(own).join(`<${name}>`);
    return text
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, "<instant>")
      .replace(/\b[A-Z]{2,4}-[0-9A-Z]{6,16}\b/g, "<id>")
      .replace(/[A-Za-z0-9_-]{24,}/g, "<token>");
  });
}

async function both(name: string, ours: Run, theirs: Run = ours) {
  const query = operations.get(name)!;
  return Promise.all([
    post(stack.gateway.url, query, ours.variables ?? {}, ours.actor),
    post(hive.url, query, theirs.variables ?? {}, theirs.actor),
  ]);
}

// --- the shared data the queries read ---------------------------------------------------------------

let partner: Org;
let customer: Org;
let invitee: Person;
let vendor: Person;
let linkToken: string;
let bulkJobId: string;

beforeAll(async () => {
  vendor = await seed.vendorAdmin();
  partner = await seed.partner();
  customer = await seed.customer();
  const other = await seed.customer();
  await seed.connect(partner, customer);
  await seed.connect(partner, other);
  await seed.administrator(customer, partner.admin);
  await seed.client.ok(customer.admin, operations.get("RequestTrial")!, { serviceCode: "SDWAN" });
  await seed.client.ok(customer.admin, operations.get("OpenTicket")!, {
    input: { title: "Tunnel flaps", description: "Twice an hour", severity: 2 },
  });
  invitee = await seed.person("invitee");
  await seed.client.ok(other.admin, operations.get("InviteAdministrator")!, {
    input: { email: invitee.email, access: "FULL" },
  });
  ({
    partnerInvitationLink: { token: linkToken },
  } = await seed.client.ok(partner.admin, operations.get("PartnerInvitationLink")!));
  // A webhook to no event that happens here: its (empty) delivery log cannot change between the two reads.
  await seed.client.ok(partner.admin, operations.get("CreateWebhook")!, {
    input: { url: "http://127.0.0.1:9/hooks", eventTypes: ["GOAL_MILESTONE"] },
  });
  // A finished bulk job (one item, failed: the connection is nobody's): its answer no longer changes.
  ({
    startBulkJob: { id: bulkJobId },
  } = await seed.client.ok(partner.admin, operations.get("StartBulkJob")!, {
    input: { kind: "TERMINATE_CONNECTIONS", idempotencyKey: `hive-${partner.id}`, connectionIds: ["CON-0000000000"] },
  }));
  await bulkRunnerOf(stack.subgraphs.connections.dataSource)!.drain();
  await drainRelays();
}, 60_000);

const queries: Record<string, () => Run> = {
  PartnerInvitationLink: () => ({ actor: partner.admin }),
  Webhooks: () => ({ actor: partner.admin }),
  BulkJob: () => ({ actor: partner.admin, variables: { id: bulkJobId } }),
  PartnerInvitation: () => ({ actor: customer.admin, variables: { token: linkToken } }),
  MyPartners: () => ({ actor: customer.admin }),
  PartnerDashboard: () => ({ actor: partner.admin, variables: { first: 10 } }),
  CustomerDetail: () => ({ actor: partner.admin, variables: { id: customer.id } }),
  ServiceCatalog: () => ({ actor: partner.admin }),
  Me: () => ({ actor: { ...partner.admin, organizationId: customer.id } }),
  MyAdministratorInvitations: () => ({ actor: invitee }),
  PartnerScorecard: () => ({ actor: vendor, variables: { partnerId: partner.id } }),
  MyNotifications: () => ({ actor: partner.admin }),
  PartnerSupportAgreement: () => ({ actor: partner.admin }),
  ConsentOverview: () => ({ actor: partner.admin }),
  ReminderSettings: () => ({ actor: customer.admin }),
  AuditLog: () => ({ actor: customer.admin }),
};

// --- each mutation's world, made twice ---------------------------------------------------------------

const orgNames = (label: string, org: Org) => ({
  [`${label}.id`]: org.id,
  [`${label}.name`]: org.name,
  [`${label}.email`]: org.admin.email,
});

/** A fresh organization with one webhook, for the mutations on a webhook. */
async function webhookWorld(): Promise<World> {
  const org = await seed.organization();
  const { createWebhook } = await seed.client.ok(org.admin, operations.get("CreateWebhook")!, {
    input: { url: `http://127.0.0.1:9/${org.id}`, eventTypes: ["CUSTOMER_CONNECTED"] },
  });
  const id = createWebhook.webhook.id as string;
  return { actor: org.admin, variables: { id }, names: { ...orgNames("organization", org), webhook: id } };
}

const mutations: Record<string, () => Promise<World>> = {
  CreateWebhook: async () => {
    const org = await seed.organization();
    return {
      actor: org.admin,
      variables: { input: { url: `http://127.0.0.1:9/${org.id}`, eventTypes: ["CONNECTION_ENDED"] } },
      names: orgNames("organization", org),
    };
  },
  StartBulkJob: async () => {
    const p = await seed.partner();
    return {
      actor: p.admin,
      variables: {
        input: { kind: "TERMINATE_CONNECTIONS", idempotencyKey: `key-${p.id}`, connectionIds: ["CON-0000000000"] },
      },
      names: orgNames("partner", p),
    };
  },
  RotateWebhookSecret: webhookWorld,
  DeleteWebhook: webhookWorld,
  ReplayWebhook: async () => {
    const world = await webhookWorld();
    return { ...world, variables: { ...world.variables, since: "2026-01-01T00:00:00Z" } };
  },
  AcceptPartnerInvitation: async () => {
    const [p, c] = await Promise.all([seed.partner(), seed.customer()]);
    const { partnerInvitationLink } = await seed.client.ok(p.admin, operations.get("PartnerInvitationLink")!);
    return {
      actor: c.admin,
      variables: { token: partnerInvitationLink.token },
      names: { ...orgNames("partner", p), ...orgNames("customer", c) },
    };
  },
  TerminateConnection: async () => {
    const [p, c] = await Promise.all([seed.partner(), seed.customer()]);
    const id = await seed.connect(p, c);
    return { actor: p.admin, variables: { id }, names: { ...orgNames("partner", p), connection: id } };
  },
  SetPartnerConsent: async () => {
    const [p, c] = await Promise.all([seed.partner(), seed.customer()]);
    const id = await seed.connect(p, c);
    return {
      actor: c.admin,
      variables: { connectionId: id, input: { areas: ["TICKETS", "ORDERS"], until: "2099-01-01T00:00:00.000Z" } },
      names: { ...orgNames("partner", p), connection: id },
    };
  },
  SetReminderSettings: async () => {
    const c = await seed.customer();
    return {
      actor: c.admin,
      variables: { input: { entitlementDays: [60, 10], trialDays: [5], grantDays: [], consentDays: [2] } },
      names: orgNames("customer", c),
    };
  },
  AddCustomer: async () => {
    const p = await seed.partner();
    const email = (await seed.person("added")).email;
    const name = `Added ${email.slice(6, 16)}`;
    return {
      actor: p.admin,
      variables: { input: { name, country: "DE", adminEmail: email, adminName: "Ada Added" } },
      names: { ...orgNames("partner", p), name, email },
    };
  },
  RequestTrial: async () => {
    const c = await seed.customer();
    return { actor: c.admin, variables: { serviceCode: "SDWAN" }, names: orgNames("customer", c) };
  },
  AddService: async () => {
    const [p, c] = await Promise.all([seed.partner(), seed.customer()]);
    await seed.connect(p, c);
    await seed.administrator(c, p.admin);
    return {
      actor: p.admin,
      variables: { customerId: c.id, serviceCode: "VAD" },
      names: { ...orgNames("partner", p), ...orgNames("customer", c) },
    };
  },
  RegisterOrganization: async () => {
    const person = await seed.person("registers");
    const name = `Registered ${person.email.slice(10, 20)}`;
    return {
      actor: person,
      variables: { input: { name, country: "US", displayName: "Reg Istrar" } },
      names: { name, email: person.email },
    };
  },
  GrantProgramMembership: async () => {
    const org = await seed.organization();
    return {
      actor: vendor,
      variables: { input: { organizationId: org.id, program: "SERVICE_PROVIDER", tier: "SILVER" } },
      names: orgNames("organization", org),
    };
  },
  InviteAdministrator: async () => {
    const [c, person] = await Promise.all([seed.customer(), seed.person("invited")]);
    return {
      actor: c.admin,
      variables: { input: { email: person.email, access: "FULL" } },
      names: { ...orgNames("customer", c), email: person.email },
    };
  },
  AcceptAdministratorInvitation: async () => {
    const [c, person] = await Promise.all([seed.customer(), seed.person("accepts")]);
    const { inviteAdministrator } = await seed.client.ok(c.admin, operations.get("InviteAdministrator")!, {
      input: { email: person.email, access: "FULL" },
    });
    return {
      actor: person,
      variables: { id: inviteAdministrator.id },
      names: { ...orgNames("customer", c), email: person.email, invitation: inviteAdministrator.id },
    };
  },
  DismissNotification: async () => {
    const [p, c] = await Promise.all([seed.partner(), seed.customer()]);
    await seed.connect(p, c);
    await drainRelays();
    const { myNotifications } = await seed.client.ok(p.admin, operations.get("MyNotifications")!);
    const id = myNotifications.edges[0].node.id as string;
    return { actor: p.admin, variables: { id }, names: { ...orgNames("partner", p), notification: id } };
  },
  OpenTicket: async () => {
    const c = await seed.customer();
    return {
      actor: c.admin,
      variables: { input: { title: "Printer on fire", description: "Smoke since noon", severity: 1 } },
      names: orgNames("customer", c),
    };
  },
};

const contract = [...operations.keys()].filter((name) => !PENDING_OPERATIONS.has(name));

it("has a scenario for every contract operation that is not pending", () => {
  const covered = new Set([...Object.keys(queries), ...Object.keys(mutations)]);
  expect(contract.filter((name) => !covered.has(name))).toEqual([]);
});

describe.each(contract.filter((name) => name in queries))("query %s", (name) => {
  it("answers through Hive Gateway exactly as through ours", async () => {
    const [ours, theirs] = await both(name, queries[name]());
    expect(ours.errors).toBeUndefined();
    expect(comparable(theirs)).toEqual(comparable(ours));
  });
});

describe.each(contract.filter((name) => name in mutations))("mutation %s", (name) => {
  it("answers through Hive Gateway as through ours, in a world made alike", async () => {
    const [a, b] = await Promise.all([mutations[name](), mutations[name]()]);
    const [ours, theirs] = await both(name, a, b);
    expect(ours.errors).toBeUndefined();
    expect(masked(comparable(theirs), b.names)).toEqual(masked(comparable(ours), a.names));
  });
});

it("answers each caller as themselves when their requests overlap (no merging of callers' subgraph fetches)", async () => {
  // The same subgraph request bodies for two callers at once: only the connected partner may see the customer.
  const stranger = await seed.partner();
  const query = operations.get("CustomerDetail")!;
  const answers = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      post(hive.url, query, { id: customer.id }, i % 2 ? stranger.admin : partner.admin).then((response) => ({
        connected: i % 2 === 0,
        response,
      })),
    ),
  );
  for (const { connected, response } of answers) {
    if (connected) expect(response.data?.organization?.id).toBe(customer.id);
    else expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  }
});

it("refuses alike: a customer asking for the partner dashboard, and a bad token", async () => {
  for (const actor of [customer.admin, { token: "not-a-token" }]) {
    const [ours, theirs] = await both("PartnerDashboard", { actor });
    expect(ours.errors?.length).toBeGreaterThan(0);
    expect(comparable(theirs)).toEqual(comparable(ours));
  }
});
