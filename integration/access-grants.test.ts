import {
  ACCESS_GRANT_EXTENSION,
  DATA_AREAS,
  AccessGrant,
  Caller,
  CONTEXT_HEADER,
  ForwardedContext,
  newId,
  signAccessGrant,
  signContext,
} from "@partnergraph/kit";
import type { Stack } from "@partnergraph/scripts";
import * as ops from "@partnergraph/operations";
import { Client, GraphQLResponse, Org, post, Seed, statementsPerSubgraph, useStack } from "./testkit";

let stack: Stack;
let seed: Seed;
let client: Client;
useStack((started) => ({ stack, seed, client } = started));

/** The partner's administrator as the gateway forwards them, in request `requestId`, with the grants given. */
function forwardedAs(partner: Org, requestId: string, accessGrants?: string[]): Record<string, string> {
  const caller: Caller = {
    userId: newId("USR"),
    email: partner.admin.email,
    displayName: "Partner admin",
    homeOrganizationId: partner.id,
    organizationId: partner.id,
    role: "ADMIN",
    grantAccess: null,
    grantServiceCodes: [],
    isPartner: true,
    isVendorAdmin: false,
  };
  const context: ForwardedContext = { requestId, caller, issuedAt: Date.now(), accessGrants };
  return { [CONTEXT_HEADER]: signContext(context) };
}

const TICKETS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id tickets(first: 5) { totalCount } } } }`;
const representations = (customer: Org) => ({ r: [{ __typename: "Organization", id: customer.id }] });

/** Support's answer for the customer's tickets, straight to the subgraph: the count, or null when refused. */
async function ticketsSeen(partner: Org, customer: Org, requestId: string, grants?: string[]) {
  const answer = await post(
    stack.subgraphs.support.url,
    TICKETS,
    representations(customer),
    {},
    forwardedAs(partner, requestId, grants),
  );
  return answer.data?._entities?.[0]?.tickets?.totalCount ?? null;
}

/** A grant as connections signs it, sharing every area of each customer unless told otherwise. */
const grantFor = (
  grant: Omit<Partial<AccessGrant>, "areas"> & Pick<AccessGrant, "requestId" | "partnerId"> & { customerIds: string[] },
) => {
  const { customerIds, ...rest } = grant;
  return signAccessGrant({
    issuedAt: Date.now(),
    areas: Object.fromEntries(customerIds.map((id) => [id, [...DATA_AREAS]])),
    ...rest,
  });
};

describe("the access decision carried within a request", () => {
  it("answers the dashboard asking connections no access decision: its page vouches for the customers", async () => {
    const { partner } = await seed.connectedPair();
    let answer: GraphQLResponse<ops.PartnerDashboardQuery> | undefined;
    const counts = await statementsPerSubgraph(stack, async () => {
      answer = await client.send(partner.admin, ops.PartnerDashboardDocument, { first: 5 });
    });
    expect(answer!.errors).toBeUndefined();
    expect(answer!.data?.customerDashboard.edges).toHaveLength(1);
    // The page and its total; none of identity's, entitlements' or support's access questions reach connections.
    expect(counts.connections).toBe(2);
    // The grant stays between the gateway and the subgraphs.
    expect(answer!.extensions?.[ACCESS_GRANT_EXTENSION]).toBeUndefined();
  });

  it("is granted by connections for the customers of the page it read, bound to the request and the partner", async () => {
    const { partner, customer } = await seed.connectedPair();
    const requestId = newId("REQ");
    const answer = await post(
      stack.subgraphs.connections.url,
      `query { customerDashboard(first: 5) { edges { node { customer { id } } } } }`,
      {},
      {},
      forwardedAs(partner, requestId),
    );
    const grant = answer.extensions?.[ACCESS_GRANT_EXTENSION] as string;
    expect(typeof grant).toBe("string");
    const payload = JSON.parse(Buffer.from(grant.split(".")[0], "base64url").toString("utf8")) as AccessGrant;
    expect(payload).toMatchObject({ requestId, partnerId: partner.id, areas: { [customer.id]: [...DATA_AREAS] } });
  });

  it("is honoured only in its own request, for its own partner, and only when connections signed it", async () => {
    const partner = await seed.partner();
    const other = await seed.partner();
    // Never connected to the partner: only a grant could show its tickets.
    const customer = await seed.customer();
    await client.ok(customer.admin, ops.OpenTicketDocument, {
      input: { title: "Link down", description: "since noon", severity: 2 },
    });
    const requestId = newId("REQ");
    const grant = grantFor({ requestId, partnerId: partner.id, customerIds: [customer.id] });

    // Control: the grant is what the subgraph goes by within its own request.
    expect(await ticketsSeen(partner, customer, requestId, [grant])).toBe(1);
    expect(await ticketsSeen(partner, customer, requestId)).toBeNull();
    // The grant carries what the customer's consent shares: an area it leaves out stays hidden.
    const ordersOnly = signAccessGrant({
      requestId,
      partnerId: partner.id,
      areas: { [customer.id]: ["ORDERS"] },
      issuedAt: Date.now(),
    });
    expect(await ticketsSeen(partner, customer, requestId, [ordersOnly])).toBeNull();
    // Another request (the next one after a termination, say) asks connections again.
    expect(await ticketsSeen(partner, customer, newId("REQ"), [grant])).toBeNull();
    // Another partner cannot use it, in the same request or not.
    expect(await ticketsSeen(other, customer, requestId, [grant])).toBeNull();
    // Forged, tampered with or stale: ignored.
    const forged = signAccessGrant(
      { requestId, partnerId: partner.id, areas: { [customer.id]: ["TICKETS"] }, issuedAt: Date.now() },
      "not-the-secret",
    );
    expect(await ticketsSeen(partner, customer, requestId, [forged])).toBeNull();
    const [payload, signature] = grant.split(".");
    const widened = Buffer.from(
      JSON.stringify({ requestId, partnerId: partner.id, areas: { [customer.id]: ["TICKETS"] }, issuedAt: Date.now() }),
    ).toString("base64url");
    expect(widened).not.toBe(payload);
    expect(await ticketsSeen(partner, customer, requestId, [`${widened}.${signature}`])).toBeNull();
    const stale = grantFor({ requestId, partnerId: partner.id, customerIds: [customer.id], issuedAt: 0 });
    expect(await ticketsSeen(partner, customer, requestId, [stale])).toBeNull();
  });

  it("shows nothing of a customer on the partner's very next request after the connection ends", async () => {
    const { partner, customer } = await seed.connectedPair();
    await client.ok(customer.admin, ops.OpenTicketDocument, {
      input: { title: "Link down", description: "since noon", severity: 2 },
    });
    const before = await client.ok(partner.admin, ops.PartnerDashboardDocument, { first: 5 });
    expect(before.customerDashboard.edges.map((e) => e.node.customer.tickets?.totalCount)).toEqual([1]);
    const { myPartners } = await client.ok(customer.admin, ops.MyPartnersDocument);
    await client.ok(customer.admin, ops.TerminateConnectionDocument, { id: myPartners[0].id });

    const after = await client.ok(partner.admin, ops.PartnerDashboardDocument, { first: 5 });
    expect(after.customerDashboard).toMatchObject({ totalCount: 0, edges: [] });
    const detail = await client.send(partner.admin, ops.CustomerDetailDocument, { id: customer.id });
    expect(detail.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
