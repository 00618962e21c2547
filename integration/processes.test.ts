import { SUBGRAPH_NAMES } from "@partnergraph/kit";
import { post, ProcessStack, Seed, startProcessStack } from "./testkit";

// The testkit's process stack itself: every service its own process, found by the others through their URLs.
let stack: ProcessStack;
beforeAll(async () => {
  stack = await startProcessStack();
}, 120_000);
afterAll(() => stack?.stop());

it("answers through the gateway with every service in its own process", async () => {
  const seed = new Seed(stack);
  const partner = await seed.partner();
  const { me } = await seed.client.ok(partner.admin, `{ me { organization { id isPartner } } }`);
  expect(me.organization).toEqual({ id: partner.id, isPartner: true });
  expect(new Set(Object.values(stack.subgraphs).map((service) => service.child.pid)).size).toBe(SUBGRAPH_NAMES.length);
  expect((await post(stack.url, "{ __typename }")).data).toEqual({ __typename: "Query" });
});
