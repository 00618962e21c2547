import { CALLER_ROUTE } from "@partnergraph/contracts";
import { callRoute, CONTEXT_HEADER, devSubject, signContext, SUBGRAPH_NAMES } from "@partnergraph/kit";
import type { Stack } from "@partnergraph/scripts";
import { post, Seed, useStack } from "./testkit";

let stack: Stack;
let seed: Seed;
useStack((started) => ({ stack, seed } = started));

const entities = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Organization { id name country } } }`;

describe("a subgraph reached without the gateway", () => {
  it.each(SUBGRAPH_NAMES)(
    "%s refuses a request with no signed context, _service and _entities included",
    async (name) => {
      const url = stack.subgraphs[name].url;
      for (const query of [
        "{ _service { sdl } }",
        `{ _entities(representations: [{ __typename: "Organization", id: "ORG-ADTM000001" }]) { __typename } }`,
      ]) {
        const response = await post(url, query);
        expect(response.status).toBe(401);
        expect(response.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
        expect(response.data).toBeUndefined();
      }
    },
  );

  it("refuses a context signed with another secret, or too old", async () => {
    const customer = await seed.customer();
    const caller = await callerOf(customer);
    const url = stack.subgraphs.identity.url;
    const representations = [{ __typename: "Organization", id: customer.id }];
    const forged = signContext({ requestId: "r", caller, issuedAt: Date.now() }, "not-the-internal-secret");
    const stale = signContext({ requestId: "r", caller, issuedAt: Date.now() - 10 * 60_000 });
    for (const header of [forged, stale, `${forged.split(".")[0]}.`, "garbage"]) {
      const response = await post(url, entities, { representations }, {}, { [CONTEXT_HEADER]: header });
      expect(response.status).toBe(401);
      expect(response.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    }
  });

  it("answers a correctly signed context only with what that caller may see", async () => {
    const customer = await seed.customer();
    const other = await seed.customer();
    const caller = await callerOf(other);
    const header = { [CONTEXT_HEADER]: signContext({ requestId: "r", caller, issuedAt: Date.now() }) };
    const own = await post(
      stack.subgraphs.identity.url,
      entities,
      { representations: [{ __typename: "Organization", id: other.id }] },
      {},
      header,
    );
    expect(own.data._entities).toEqual([{ id: other.id, name: other.name, country: "DE" }]);

    const foreign = await post(
      stack.subgraphs.identity.url,
      entities,
      { representations: [{ __typename: "Organization", id: customer.id }] },
      {},
      header,
    );
    expect(foreign.data?._entities).toEqual([null]);
    expect(foreign.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});

/** The Caller the gateway would forward for an organization's administrator, asked of the directory as the gateway does. */
function callerOf(org: { admin: { email: string } }) {
  return callRoute(CALLER_ROUTE, {
    subject: devSubject(org.admin.email),
    email: org.admin.email,
  });
}
