import { expect, test } from "@playwright/test";
import { screenshot, signIn, signInAs } from "./helpers";

test("a new person opens Contoso's invitation link, registers and accepts; the customer appears on Contoso's dashboard", async ({
  browser,
  page,
}) => {
  await signIn(page, "bob@contoso.example");
  await page.getByRole("link", { name: "Invitation link" }).click();
  const link = await page.getByRole("textbox", { name: "Invitation link" }).inputValue();
  expect(link).toMatch(/\/connect\/[^/]+$/);
  await expect(page.getByRole("img", { name: "QR code of the invitation link" })).toBeVisible();

  const newcomer = await browser.newContext();
  const visitor = await newcomer.newPage();
  await visitor.goto(link);
  await signInAs(visitor, `new-${Date.now()}@fourthcoffee.example`, new URL(link).pathname);
  await expect(visitor.getByText("Contoso Services invites your organization to connect")).toBeVisible();
  const register = visitor.getByRole("form", { name: "Register your organization" });
  await register.getByLabel("Your name").fill("Nora New");
  await register.getByLabel("Organization name").fill("Fourth Coffee");
  await register.getByLabel("Country (two letters)").fill("NL");
  await register.getByRole("button", { name: "Register" }).click();
  await visitor.getByRole("button", { name: "Accept for Fourth Coffee" }).click();
  await expect(visitor.getByRole("status")).toContainText("Fourth Coffee is now connected with Contoso Services");
  await newcomer.close();

  await page.getByRole("link", { name: "Customers" }).click();
  await expect(page.getByRole("article", { name: "Fourth Coffee" })).toBeVisible();
});

test("alice dismisses a notification and carol still sees it", async ({ browser, page }) => {
  await signIn(page, "alice@northwind.example");
  const adatum = page.getByRole("article", { name: "Adatum Corporation" });
  const notice = adatum.getByRole("button", { name: "Dismiss “A support case was resolved”" });
  await notice.click();
  await expect(notice).toHaveCount(0);
  await page.reload();
  await expect(adatum.getByRole("heading", { name: /Notifications/ })).toBeVisible();
  await expect(adatum.getByText("A support case was resolved")).toHaveCount(0);

  const carolContext = await browser.newContext();
  const carol = await carolContext.newPage();
  await signIn(carol, "carol@adatum.example");
  await carol.getByRole("link", { name: "Notifications" }).click();
  await expect(carol.getByRole("list", { name: "Notifications" })).toContainText("A support case was resolved");
  await carolContext.close();
});

test("the vendor proposes a goal and alice agrees", async ({ browser, page }) => {
  await signIn(page, "ops@vendor.example");
  await page.goto("/scorecard/ORG-NRTHWND001");
  const propose = page.getByRole("form", { name: "Propose a goal" });
  await propose.getByLabel("Metric").selectOption("WON_DEALS");
  await propose.getByLabel("Target").fill("12");
  await propose.getByLabel("Reward amount").fill("500");
  await propose.getByRole("button", { name: "Propose goal" }).click();
  await expect(page.getByText("Goal proposed")).toBeVisible();

  const aliceContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const alice = await aliceContext.newPage();
  await signIn(alice, "alice@northwind.example");
  await alice.getByRole("link", { name: "Partner 360" }).click();
  const goal = alice.getByRole("listitem", { name: "Won deals goal" }).filter({ hasText: "12 deals" });
  await expect(goal).toContainText("Proposed");
  await goal.getByRole("button", { name: "Agree" }).click();
  await expect(goal).toContainText("Agreed");
  await expect(goal.getByRole("button", { name: "Agree" })).toHaveCount(0);
  await expect(alice.getByRole("img", { name: /Bookings by quarter/ })).toBeVisible();
  await screenshot(alice, "scorecard");
  await aliceContext.close();
});

test("alice acts as Adatum, which she administers, and sees what Adatum sees", async ({ page }) => {
  await signIn(page, "alice@northwind.example");
  await page.getByRole("link", { name: "Grants" }).click();
  await page.getByRole("button", { name: "Act as Adatum Corporation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Acting as" })).toContainText("Adatum Corporation");
  await page.getByRole("link", { name: "Tickets" }).click();
  await expect(page.getByRole("heading", { name: "Support tickets", level: 1 })).toBeVisible();
  await expect(page.getByRole("table")).toContainText("Branch office tunnels drop every night");
  await page.getByRole("button", { name: "Back to my organization" }).click();
  await expect(page.getByRole("link", { name: "Customers" })).toBeVisible();
});

test("alice drills into a stage of her pipeline, and declines a goal the vendor proposed", async ({
  browser,
  page,
}) => {
  await signIn(page, "alice@northwind.example");
  await page.getByRole("link", { name: "Partner 360" }).click();
  const pipeline = page.getByRole("region", { name: "Pipeline by stage" });
  await pipeline.getByRole("button", { name: "Qualified" }).click();
  await expect(pipeline.getByRole("button", { name: "Qualified" })).toHaveAttribute("aria-expanded", "true");
  await expect(pipeline.getByRole("heading", { name: "Qualified deals" })).toBeVisible();
  await expect(pipeline.getByRole("listitem").filter({ hasText: "Litware: endpoint management" })).toBeVisible();

  const vendorContext = await browser.newContext();
  const vendor = await vendorContext.newPage();
  await signIn(vendor, "ops@vendor.example", "/scorecard/ORG-NRTHWND001");
  const propose = vendor.getByRole("form", { name: "Propose a goal" });
  await propose.getByLabel("Metric").selectOption("WON_DEALS");
  await propose.getByLabel("Target").fill("31");
  await propose.getByLabel("Reward amount").fill("100");
  await propose.getByRole("button", { name: "Propose goal" }).click();
  await expect(vendor.getByText("Goal proposed")).toBeVisible();
  await vendorContext.close();

  await page.reload();
  const goal = page.getByRole("listitem", { name: "Won deals goal" }).filter({ hasText: "31 deals" });
  await expect(goal).toContainText("Proposed");
  await goal.getByRole("button", { name: "Decline" }).click();
  await expect(goal).toContainText("Declined");
  await expect(goal.getByRole("button", { name: "Agree" })).toHaveCount(0);
});

test("bob copies his invitation link: the clipboard holds the link shown", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  const page = await context.newPage();
  await signIn(page, "bob@contoso.example", "/invitation");
  const link = await page.getByRole("textbox", { name: "Invitation link" }).inputValue();
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Copied" })).toHaveText("Copied to the clipboard.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await context.close();
});
