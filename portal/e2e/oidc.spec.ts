import { expect, Page, test } from "@playwright/test";
import { decodeJwt } from "jose";
import { freeLocalUrl, LocalProcess } from "./local-process";
import { startProductionStack } from "./oidc/production-stack";
import { startTestIssuer, TestIssuer } from "./oidc/test-issuer";

/**
 * Production sign-in in a real browser: the portal served with NODE_ENV=production sends the person to an OpenID
 * Connect provider (authorization code + PKCE), and the gateway accepts the provider's RS256 access token through
 * its JWKS, for the configured issuer and audience only.
 */
const CLIENT_ID = "partnergraph-portal";
const AUDIENCE = "partnergraph-api";
// The demo directory knows its people by the subject their development tokens carry; the provider uses the same.
const ALICE = { email: "alice@northwind.example", subject: "dev|alice@northwind.example" };

let issuer: TestIssuer;
let stack: LocalProcess;
let portalUrl: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  portalUrl = await freeLocalUrl();
  issuer = await startTestIssuer({
    clientId: CLIENT_ID,
    redirectUri: `${portalUrl}/callback`,
    audience: AUDIENCE,
    people: { [ALICE.email]: ALICE.subject },
  });
  stack = await startProductionStack(portalUrl, {
    OIDC_ISSUER: issuer.issuer,
    OIDC_CLIENT_ID: CLIENT_ID,
    // The gateway takes the issuer from OIDC_ISSUER; the audience is this API's.
    JWKS_URL: issuer.jwksUri,
    JWT_AUDIENCE: AUDIENCE,
  });
});

test.afterAll(async () => {
  await stack?.stop();
  await issuer?.stop();
});

test("alice signs in through the identity provider and her dashboard's data comes with its token", async ({ page }) => {
  const bearers: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/graphql") bearers.push(request.headers().authorization ?? "");
  });
  await page.goto(portalUrl);
  await expect(page.getByRole("list", { name: "Demo people" })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign in with your organization account" }).click();

  await expect(page).toHaveURL(new RegExp(`^${issuer.issuer}/authorize\\?`));
  const asked = new URL(page.url()).searchParams;
  expect(asked.get("code_challenge_method")).toBe("S256");
  expect(asked.get("client_id")).toBe(CLIENT_ID);
  await page.getByLabel("Work email").fill(ALICE.email);
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(portalUrl);
  const adatum = page.getByRole("article", { name: "Adatum Corporation" });
  await expect(adatum.getByRole("list", { name: "Trials by state" })).toContainText("Active 1");
  await expect(
    adatum
      .getByRole("row", { name: /Endpoint Management/ })
      .getByRole("cell")
      .nth(1),
  ).toHaveText("600");
  expect(issuer.tokenExchanges).toEqual(["issued"]);

  const signedIn = bearers.filter((header) => header.startsWith("Bearer "));
  expect(signedIn.length).toBeGreaterThan(0);
  for (const header of signedIn) {
    const claims = decodeJwt(header.slice("Bearer ".length));
    expect(claims).toMatchObject({ iss: issuer.issuer, aud: AUDIENCE, sub: ALICE.subject });
  }
});

test("an answer from the provider that this browser did not ask for is refused", async ({ page }) => {
  await page.goto(`${portalUrl}/callback?code=stolen&state=forged`);
  await expect(page.getByText("This sign-in was not started here; try again")).toBeVisible();
  expect(issuer.tokenExchanges.slice(1)).toEqual([]);
});

test("production has no development sign-in: /dev/token is 404", async ({ request }) => {
  const answer = await request.post(`${portalUrl}/dev/token`, { data: { email: ALICE.email } });
  expect(answer.status()).toBe(404);
  const settings = (await (await request.get(`${portalUrl}/portal/settings`)).json()) as Record<string, unknown>;
  expect(settings).toMatchObject({ signIn: "oidc", oidc: { issuer: issuer.issuer, clientId: CLIENT_ID } });
  expect(settings).not.toHaveProperty("demoPeople");
});

test("the gateway takes only the provider's tokens for this API", async ({ request }) => {
  const me = (token: string) =>
    request.post(`${portalUrl}/graphql`, {
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      data: { query: "{ me { email } }" },
    });
  const claims = { iss: issuer.issuer, sub: ALICE.subject, email: ALICE.email };
  const accepted = await me(await issuer.sign({ ...claims, aud: AUDIENCE }));
  expect(accepted.status()).toBe(200);
  expect(await accepted.json()).toMatchObject({ data: { me: { email: ALICE.email } } });
  for (const wrong of [
    { ...claims, aud: "another-application" },
    { ...claims, aud: AUDIENCE, iss: "http://127.0.0.1:1/elsewhere" },
  ]) {
    const refused = await me(await issuer.sign(wrong));
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: "UNAUTHENTICATED" } }] });
  }
});

/** Alice signs in through the provider from `path`, and is back on it. */
async function signInThroughProvider(page: Page, path: string, heading: string) {
  await page.getByRole("button", { name: "Sign in with your organization account" }).click();
  await expect(page).toHaveURL(new RegExp(`^${issuer.issuer}/authorize\\?`));
  await page.getByLabel("Work email").fill(ALICE.email);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(path);
}

/** Until the access token the browser holds has expired (the gateway allows no clock skew). */
async function outlive(page: Page) {
  const token = await page.evaluate(() => JSON.parse(localStorage.getItem("partnergraph.session") ?? "{}").token);
  const expiresAt = (decodeJwt(token as string).exp ?? 0) * 1000;
  await expect.poll(() => Date.now(), { timeout: 30_000 }).toBeGreaterThan(expiresAt + 1_000);
}

test("an expired access token is renewed with the provider's refresh token: the person just goes on", async ({
  page,
}) => {
  issuer.policy.accessTokenSeconds = 3;
  issuer.policy.refreshTokens = true;
  const before = issuer.tokenExchanges.length;
  await page.goto(`${portalUrl}/notifications`);
  await signInThroughProvider(page, "/notifications", "Notifications");
  await outlive(page);

  await page.getByRole("link", { name: "Grants" }).click();
  await expect(page.getByRole("heading", { name: "Administrator grants", level: 1 })).toBeVisible();
  await expect(page.getByText(/^Loading/)).toHaveCount(0);
  await expect(page.getByRole("alert")).toHaveCount(0);
  expect(issuer.tokenExchanges.slice(before)).toEqual(["issued", "refreshed"]);
});

// Issued no refresh token, or one the provider refuses when asked (the person's session ended there).
for (const [without, refreshTokens] of [
  ["without a refresh token", false],
  ["when the provider refuses the refresh token", true],
] as const)
  test(`${without}, an expired session asks to sign in again, saying why, and comes back to the page`, async ({
    page,
  }) => {
    issuer.policy.accessTokenSeconds = 3;
    issuer.policy.refreshTokens = refreshTokens;
    await page.goto(`${portalUrl}/notifications`);
    await signInThroughProvider(page, "/notifications", "Notifications");
    issuer.revokeRefreshTokens();
    const before = issuer.tokenExchanges.length;
    await outlive(page);

    await page.getByRole("link", { name: "Grants" }).click();
    await expect(page.getByText("Your session has ended. Sign in again to continue where you were.")).toBeVisible();
    expect(new URL(page.url()).pathname).toBe("/grants");
    expect(issuer.tokenExchanges.slice(before)).toEqual(refreshTokens ? ["unknown or used refresh token"] : []);
    issuer.policy.accessTokenSeconds = 300;
    await signInThroughProvider(page, "/grants", "Administrator grants");
    await expect(page.getByRole("alert")).toHaveCount(0);
  });
