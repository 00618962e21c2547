import { PROCESS_STACK_HOOK_MS, ProcessStack, Seed, startProcessStack } from "./testkit";

/**
 * Events about one connection, published while their consumer (support) is down, each become exactly one
 * notification, in the order they happened, within seconds of support coming back. Every service in its own
 * process over real HTTP, as in production; support is killed outright, not stopped politely.
 */
let stack: ProcessStack;
let seed: Seed;

beforeAll(async () => {
  stack = await startProcessStack();
  seed = new Seed(stack);
}, PROCESS_STACK_HOOK_MS);
afterAll(() => stack?.stop());

/** Generous: the relay's back-off is capped at 2 s, and it delivers an aggregate's events one pass after another. */
const PROMPT_MS = 10_000;

const NOTIFICATIONS = `query { myNotifications(first: 50) {
  edges { node { category createdAt relatedOrganization { id } } } } }`;

interface Notice {
  category: string;
  createdAt: string;
}

it("delivers a connection's events once each, in order, within seconds of support's return", async () => {
  const [partner, customer] = [await seed.partner(), await seed.customer()];
  const support = stack.subgraphs.support;
  support.signal("SIGKILL");
  await support.exited;

  // One connection's life while support is down: made, ended by the customer, made again, ended by the partner,
  // made a third time. Each is an event about the same aggregate (the partner–customer pair).
  const terminate = (who: typeof partner, id: string) =>
    seed.client.ok(who.admin, `mutation($id: ID!) { terminateConnection(id: $id) { id status } }`, { id });
  await terminate(customer, await seed.connect(partner, customer));
  await terminate(partner, await seed.connect(partner, customer));
  await seed.connect(partner, customer);
  // Long enough for the relay to have found support gone and backed off as far as it goes.
  await new Promise((resolve) => setTimeout(resolve, 3_000));

  await stack.restart("support");
  const returned = Date.now();
  const about = async (org: typeof partner, related: string): Promise<Notice[]> => {
    const { myNotifications } = await seed.client.ok(org.admin, NOTIFICATIONS);
    return (myNotifications.edges as { node: Notice & { relatedOrganization: { id: string } | null } }[])
      .map(({ node }) => node)
      .filter((node) => node.relatedOrganization?.id === related)
      .reverse(); // newest first as listed: oldest first here
  };
  let partnerSees: Notice[] = [];
  let customerSees: Notice[] = [];
  while (Date.now() - returned < 2 * PROMPT_MS) {
    [partnerSees, customerSees] = await Promise.all([about(partner, customer.id), about(customer, partner.id)]);
    if (partnerSees.length + customerSees.length >= 5) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const elapsedMs = Date.now() - returned;
  if (process.env.SHOW_TIMES) console.log(`5 notifications ${elapsedMs} ms after support answered again`);

  // Exactly one notification per event (a redelivery would have made a sixth), none lost.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  [partnerSees, customerSees] = await Promise.all([about(partner, customer.id), about(customer, partner.id)]);
  expect(partnerSees.map((n) => n.category)).toEqual([
    "CUSTOMER_CONNECTED",
    "CONNECTION_ENDED_BY_CUSTOMER",
    "CUSTOMER_CONNECTED",
    "CUSTOMER_CONNECTED",
  ]);
  expect(customerSees.map((n) => n.category)).toEqual(["CONNECTION_ENDED_BY_PARTNER"]);
  expect(elapsedMs).toBeLessThan(PROMPT_MS);

  // Applied in the order they happened: the partner's "ended" between the second and third "connected".
  const applied = [...partnerSees.slice(0, 3), customerSees[0], partnerSees[3]].map((n) => Date.parse(n.createdAt));
  expect(applied).toEqual([...applied].sort((a, b) => a - b));
}, 90_000);
