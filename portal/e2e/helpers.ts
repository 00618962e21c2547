import { APIRequestContext, expect, Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** docs/screenshots at the repository's root: the README shows them. */
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "docs", "screenshots");

/** Development sign-in through the portal's own picker, as a person would. */
export async function signIn(page: Page, email: string, path = "/") {
  await page.goto(path);
  await page.getByRole("list", { name: "Demo people" }).getByRole("button", { name: email }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

export async function signInAs(page: Page, email: string, path = "/") {
  await page.goto(path);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** A development token for a person, as the portal's picker gets one. */
export async function devToken(request: APIRequestContext, email: string): Promise<string> {
  const answer = await request.post("/dev/token", { data: { email } });
  expect(answer.ok()).toBe(true);
  return ((await answer.json()) as { token: string }).token;
}

/** Sets up what a test needs straight through the API (the same /graphql the pages use), failing on any error. */
export async function callApi<T = Record<string, unknown>>(
  request: APIRequestContext,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const answer = await request.post("/graphql", {
    headers: { authorization: `Bearer ${token}` },
    data: { query, variables },
  });
  const body = (await answer.json()) as { data?: T; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as T;
}

/** A new organization, registered through the API by its founder: its id and the founder's token. */
export async function registerOrganization(
  request: APIRequestContext,
  email: string,
  name: string,
  { country = "US", displayName = "Founder" } = {},
): Promise<{ id: string; token: string }> {
  const token = await devToken(request, email);
  const { registerOrganization } = await callApi<{ registerOrganization: { id: string } }>(
    request,
    token,
    "mutation ($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }",
    { input: { name, country, displayName } },
  );
  return { id: registerOrganization.id, token };
}

/** The vendor enrols an organization as a Gold Solution Advisor: a partner with a badge. */
export async function grantGoldBadge(request: APIRequestContext, organizationId: string): Promise<void> {
  await callApi(
    request,
    await devToken(request, "ops@vendor.example"),
    "mutation ($input: GrantProgramMembershipInput!) { grantProgramMembership(input: $input) { id } }",
    { input: { organizationId, program: "SOLUTION_ADVISOR", tier: "GOLD" } },
  );
}

/** The demo's Litware (its administrator dave's token) and its connection to Northwind Partners. */
export async function litwareToNorthwind(request: APIRequestContext): Promise<{ dave: string; connectionId: string }> {
  const dave = await devToken(request, "dave@litware.example");
  const { myPartners } = await callApi<{ myPartners: { id: string; partner: { name: string } }[] }>(
    request,
    dave,
    "query { myPartners { id partner { name } } }",
  );
  return { dave, connectionId: myPartners.find((c) => c.partner.name === "Northwind Partners")!.id };
}
