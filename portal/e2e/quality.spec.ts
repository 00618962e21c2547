import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe";
import { screenshot, signIn } from "./helpers";

test("the sign-in page has no serious accessibility violation", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

// Each page in a fresh browser page of its own.
const MAIN_PAGES: [string, string, string][] = [
  ["alice@northwind.example", "/dashboard", "Customers"],
  ["alice@northwind.example", "/scorecard", "Northwind Partners: Partner 360"],
  ["alice@northwind.example", "/invitation", "Invitation link"],
  ["alice@northwind.example", "/grants", "Administrator grants"],
  ["alice@northwind.example", "/notifications", "Notifications"],
  ["alice@northwind.example", "/customers/ORG-ADTM000001", "Adatum Corporation"],
  ["carol@adatum.example", "/partners", "Partners"],
  ["carol@adatum.example", "/administrators", "Administrators"],
  ["carol@adatum.example", "/tickets", "Support tickets"],
  ["ops@vendor.example", "/vendor/approvals", "Approvals"],
  ["alice@northwind.example", "/resell", "Resell"],
  ["ops@vendor.example", "/vendor/partners", "Partners"],
  ["ops@vendor.example", "/vendor/partners/ORG-NRTHWND001", "Partner"],
  ["ops@vendor.example", "/vendor/prices", "Price changes"],
  ["alice@northwind.example", "/prices", "Price changes"],
];

for (const [person, path, heading] of MAIN_PAGES) {
  test(`${path} (${person}) has no serious accessibility violation and asks only the portal's origin`, async ({
    page,
    baseURL,
  }) => {
    // Every request the page makes: its data comes through the portal's /graphql (the gateway), never a subgraph.
    const elsewhere: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).origin !== new URL(baseURL!).origin) elsewhere.push(request.url());
    });
    await signIn(page, person, path);
    await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
    await expect(page.getByText(/^Loading/)).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(elsewhere).toEqual([]);
  });
}

test("the dashboard works at phone width", async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  await signIn(page, "alice@northwind.example");
  const adatum = page.getByRole("article", { name: "Adatum Corporation" });
  await expect(adatum.getByRole("row", { name: /Endpoint Management/ })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, "dashboard-phone");
  await phone.close();
});

// The other main pages at phone width: wide tables scroll inside their card, the page itself never sideways.
const PHONE_PAGES: [string, string, string][] = [
  ["alice@northwind.example", "/scorecard", "Northwind Partners: Partner 360"],
  ["alice@northwind.example", "/customers/ORG-ADTM000001", "Adatum Corporation"],
  ["carol@adatum.example", "/administrators", "Administrators"],
  ["carol@adatum.example", "/tickets", "Support tickets"],
  ["ops@vendor.example", "/vendor/approvals", "Approvals"],
  ["ops@vendor.example", "/vendor/partners", "Partners"],
  ["ops@vendor.example", "/vendor/prices", "Price changes"],
];

for (const [person, path, heading] of PHONE_PAGES) {
  test(`${path} (${person}) fits a phone's width`, async ({ browser }) => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await signIn(page, person, path);
    await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
    await expect(page.getByText(/^Loading/)).toHaveCount(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.close();
  });
}

test("errors are said in words: a customer opening a partner's scorecard, a wrong field", async ({ page }) => {
  await signIn(page, "carol@adatum.example");
  await page.goto("/scorecard/ORG-NRTHWND001");
  await expect(page.getByRole("alert")).toContainText("You do not have access to this");

  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, "alice@northwind.example", "/customers/new");
  await page.getByLabel("Organization name").fill("Graphic Design Institute");
  await page.getByLabel("Country (two letters)").fill("X1");
  await page.getByLabel("Administrator's name").fill("Gail");
  await page.getByLabel("Administrator's email").fill("gail@gdi.example");
  await page.getByRole("button", { name: "Add customer" }).click();
  await expect(page.getByLabel("Country (two letters)")).toHaveAttribute("aria-invalid", "true");
});
