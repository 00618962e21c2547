import type { Stack } from "@partnergraph/scripts";
import * as ops from "@partnergraph/operations";
import { randomBytes } from "node:crypto";
import { Client, Org, Seed, statementsPerSubgraph, useStack } from "./testkit";

// Issue 12: the vendor's partner list — partners and their badges, searchable by name, a page at a time.

let stack: Stack;
let seed: Seed;
let client: Client;
useStack((started) => ({ stack, seed, client } = started));

/** A word no other test's organization holds: each test searches only its own partners. */
const word = () => `Dir${randomBytes(4).toString("hex")}`;

async function partnerNamed(name: string, program = "SOLUTION_ADVISOR", tier: string | null = "GOLD"): Promise<Org> {
  const org = await seed.organization(name);
  await client.ok(await seed.vendorAdmin(), ops.GrantProgramMembershipDocument, {
    input: { organizationId: org.id, program, tier } as ops.GrantProgramMembershipInput,
  });
  return org;
}

const directory = async (variables: ops.PartnerDirectoryQueryVariables) =>
  (await client.ok(await seed.vendorAdmin(), ops.PartnerDirectoryDocument, variables)).partnerDirectory;

describe("partnerDirectory", () => {
  it("lists partner organizations by name with their badges, former partners too, customers never", async () => {
    const w = word();
    const vendor = await seed.vendorAdmin();
    const beta = await partnerNamed(`${w} Beta`, "SERVICE_PROVIDER", null);
    const alpha = await partnerNamed(`${w} Alpha`);
    const lapsed = await partnerNamed(`${w} Gamma`);
    await seed.organization(`${w} Customer`); // no program: not a partner
    const membership = (
      await client.ok(vendor, `query($id: ID!) { organization(id: $id) { memberships { id } } }`, { id: lapsed.id })
    ).organization.memberships[0];
    await client.ok(vendor, `mutation($id: ID!) { revokeProgramMembership(id: $id) { id } }`, { id: membership.id });

    const page = await directory({ search: w.toLowerCase() });
    expect(page.totalCount).toBe(3);
    expect(page.pageInfo).toEqual({ hasNextPage: false, endCursor: expect.any(String) });
    expect(page.edges.map((e) => e.node)).toEqual([
      { id: alpha.id, name: `${w} Alpha`, country: "US", badges: [{ program: "SOLUTION_ADVISOR", tier: "GOLD" }] },
      { id: beta.id, name: `${w} Beta`, country: "US", badges: [{ program: "SERVICE_PROVIDER", tier: null }] },
      { id: lapsed.id, name: `${w} Gamma`, country: "US", badges: [] },
    ]);
  });

  it("filters by a badge held now: a program, a tier, or both; a lapsed or future membership is no badge", async () => {
    const w = word();
    const vendor = await seed.vendorAdmin();
    const goldAdvisor = await partnerNamed(`${w} a`, "SOLUTION_ADVISOR", "GOLD");
    const silverAdvisor = await partnerNamed(`${w} b`, "SOLUTION_ADVISOR", "SILVER");
    const goldProvider = await partnerNamed(`${w} c`, "SERVICE_PROVIDER", "GOLD");
    const lapsed = await partnerNamed(`${w} d`, "SOLUTION_ADVISOR", "GOLD");
    const { memberships } = (
      await client.ok(vendor, `query($id: ID!) { organization(id: $id) { memberships { id } } }`, { id: lapsed.id })
    ).organization;
    await client.ok(vendor, `mutation($id: ID!) { revokeProgramMembership(id: $id) { id } }`, {
      id: memberships[0].id,
    });
    const future = await seed.organization(`${w} e`);
    await client.ok(vendor, ops.GrantProgramMembershipDocument, {
      input: {
        organizationId: future.id,
        program: "SOLUTION_ADVISOR",
        tier: "GOLD",
        startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    const ids = async (variables: ops.PartnerDirectoryQueryVariables) => {
      const page = await directory({ search: w, ...variables });
      expect(page.totalCount).toBe(page.edges.length);
      return page.edges.map((e) => e.node.id);
    };
    expect(await ids({})).toEqual([goldAdvisor.id, silverAdvisor.id, goldProvider.id, lapsed.id, future.id]);
    expect(await ids({ program: "SOLUTION_ADVISOR" })).toEqual([goldAdvisor.id, silverAdvisor.id]);
    expect(await ids({ tier: "GOLD" })).toEqual([goldAdvisor.id, goldProvider.id]);
    expect(await ids({ program: "SOLUTION_ADVISOR", tier: "GOLD" })).toEqual([goldAdvisor.id]);
    expect(await ids({ program: "DISTRIBUTOR" })).toEqual([]);
    // Paged under the filter too.
    const first = await directory({ search: w, tier: "GOLD", first: 1 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await directory({
      search: w,
      tier: "GOLD",
      first: 1,
      after: first.pageInfo.endCursor,
    });
    expect([...first.edges, ...second.edges].map((e) => e.node.id)).toEqual([goldAdvisor.id, goldProvider.id]);
    // An unknown program is refused before anything runs.
    expect(
      (await client.error(vendor, ops.PartnerDirectoryDocument, { program: "NOPE" as ops.PartnerProgramCode })).code,
    ).toBe("BAD_USER_INPUT");
  });

  it("pages with cursors in name order, and treats LIKE wildcards in the search as text", async () => {
    const w = word();
    const names = [`${w} d`, `${w} a`, `${w} c`, `${w} b`, `${w} e`];
    for (const name of names) await partnerNamed(name);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: ops.PartnerDirectoryQuery["partnerDirectory"] = await directory({ search: w, first: 2, after });
      expect(page.totalCount).toBe(5);
      seen.push(...page.edges.map((e) => e.node.name));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual([...names].sort());

    const percent = await partnerNamed(`${w} 100% Partner`);
    expect((await directory({ search: `${w} 100%` })).edges.map((e) => e.node.id)).toEqual([percent.id]);
    expect((await directory({ search: `${w}%a` })).totalCount).toBe(0);
    expect((await directory({ search: `${w} _` })).totalCount).toBe(0);
  });

  it("runs the same statements in identity for a page of 1 as for a page of 6", async () => {
    const w = word();
    for (const letter of "abcdef") await partnerNamed(`${w} ${letter}`, "SOLUTION_ADVISOR", "SILVER");
    const vendor = await seed.vendorAdmin();
    // The fewest over two requests: the vendor's cached caller may expire between any two, and resolving it is
    // not the page's SQL. A per-row query shows in both.
    const once = (first: number) =>
      statementsPerSubgraph(stack, () =>
        client.ok(vendor, ops.PartnerDirectoryDocument, { search: w, tier: "SILVER", first }),
      );
    const measure = async (first: number) => Math.min((await once(first)).identity, (await once(first)).identity);
    const one = await measure(1);
    const six = await measure(6);
    expect(six).toBe(one);
    // The page, its total, and the page's memberships (badges) in one.
    expect(one).toBe(3);
    expect((await directory({ search: w, first: 6 })).edges.map((e) => e.node.badges)).toEqual(
      Array(6).fill([{ program: "SOLUTION_ADVISOR", tier: "SILVER" }]),
    );
  });

  it("is the vendor's only: a partner, a customer and a person with no organization get FORBIDDEN and no page", async () => {
    const w = word();
    const partner = await partnerNamed(`${w} Partner`);
    const customer = await seed.customer();
    for (const actor of [partner.admin, customer.admin, await seed.person()]) {
      const refused = await client.error(actor, ops.PartnerDirectoryDocument, { search: w });
      expect(refused.code).toBe("FORBIDDEN");
      expect(refused.response.data).toBeNull();
    }
  });

  it("refuses bad paging input naming the argument", async () => {
    const vendor = await seed.vendorAdmin();
    expect(await client.error(vendor, ops.PartnerDirectoryDocument, { first: 101 })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "first",
    });
    expect(await client.error(vendor, ops.PartnerDirectoryDocument, { after: "not-a-cursor" })).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "after",
    });
  });
});
