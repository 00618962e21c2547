import { expect, test } from "@playwright/test";
import { callApi, devToken, grantGoldBadge, registerOrganization, screenshot, signIn } from "./helpers";

/** Enough partners that share a name for two pages of the vendor's list (ten a page). */
async function enrolPartners(request: Parameters<typeof devToken>[0], prefix: string, count: number) {
  for (let i = 1; i <= count; i++) {
    const number = String(i).padStart(2, "0");
    const { id } = await registerOrganization(
      request,
      `founder-${number}-${prefix.replace(" ", "-").toLowerCase()}@partners.example`,
      `${prefix} ${number}`,
      { country: "DE", displayName: `Founder ${number}` },
    );
    await grantGoldBadge(request, id);
  }
}

test("the vendor searches its partners, pages through them and opens one", async ({ page, request }) => {
  await signIn(page, "ops@vendor.example");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Partners" }).click();
  const partners = page.getByRole("table", { name: "Partners" });
  await expect(partners.getByRole("row", { name: /Northwind Partners/ })).toContainText("ORG-NRTHWND001");
  // The demo's partners only, so the picture is the same every run.
  await screenshot(page, "vendor-partners");

  const prefix = `Lakeside ${Date.now().toString(36).slice(-4)}`;
  await enrolPartners(request, prefix, 12);

  await page.getByLabel("Search partners").fill(prefix);
  await expect(page.getByText("12 partners")).toBeVisible();
  const rows = partners.locator("tbody tr");
  await expect(rows).toHaveCount(10);
  await expect(rows.first()).toContainText(`${prefix} 01`);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Page 2")).toBeVisible();
  await expect(rows).toHaveCount(2);
  await expect(rows.last()).toContainText(`${prefix} 12`);
  await expect(page.getByRole("button", { name: "Next" })).toBeDisabled();
  await page.getByRole("button", { name: "Previous" }).click();
  await expect(rows).toHaveCount(10);

  await page.getByLabel("Search partners").fill(`${prefix} 07`);
  await expect(page.getByText("1 partner", { exact: true })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Pages" })).toHaveCount(0);
  await partners.getByRole("link", { name: `${prefix} 07` }).click();
  await expect(page.getByRole("heading", { name: `${prefix} 07`, level: 2 })).toBeVisible();
  await expect(page.getByText("Solution advisor · Gold").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Partner 360" })).toBeVisible();

  await page.getByRole("link", { name: "All partners" }).click();
  await page.getByLabel("Search partners").fill("no such partner anywhere");
  await expect(page.getByText("No partner matches “no such partner anywhere”.")).toBeVisible();
});

test("the vendor filters its partners by a badge held now: program, tier or both", async ({ page }) => {
  await signIn(page, "ops@vendor.example");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Partners" }).click();
  const partners = page.getByRole("table", { name: "Partners" });
  await expect(partners.getByRole("row", { name: /Contoso Services/ })).toBeVisible();
  await page.getByLabel("Program").selectOption("SERVICE_PROVIDER");
  await expect(partners.getByRole("row", { name: /Contoso Services/ })).toBeVisible();
  await expect(partners.getByRole("row", { name: /Northwind Partners/ })).toHaveCount(0);
  await page.getByLabel("Program").selectOption("SOLUTION_ADVISOR");
  await page.getByLabel("Tier").selectOption("GOLD");
  await page.getByLabel("Search partners").fill("Northwind");
  await expect(page.getByText("1 partner", { exact: true })).toBeVisible();
  await expect(partners.getByRole("row", { name: /Northwind Partners/ })).toBeVisible();
  await page.getByLabel("Search partners").fill("Contoso");
  await expect(page.getByText("No partner matches “Contoso”.")).toBeVisible();
  await page.getByLabel("Search partners").fill("Northwind");
  await page.getByLabel("Tier").selectOption("PLATINUM");
  await expect(page.getByText("No partner matches “Northwind”.")).toBeVisible();
});

test("a partner opening the vendor's partner list is told it has no access, and sees no partner", async ({ page }) => {
  await signIn(page, "alice@northwind.example");
  await page.goto("/vendor/partners");
  await expect(page.getByText("You do not have access to this.", { exact: false })).toBeVisible();
  await expect(page.getByRole("table", { name: "Partners" })).toHaveCount(0);
});

test("the vendor approves one customer's trial and declines another's; each customer's trial says so", async ({
  page,
  request,
}) => {
  // Two new customers, each asking for a trial of SD-WAN through the API.
  const stamp = Date.now();
  const customers: { name: string; token: string; id: string }[] = [];
  for (const name of [`Trey Research ${stamp}`, `Proseware ${stamp}`]) {
    const { id, token } = await registerOrganization(
      request,
      `founder-${customers.length}-${stamp}@customers.example`,
      name,
    );
    await callApi(request, token, 'mutation { requestTrial(serviceCode: "SDWAN") { id } }');
    customers.push({ name, token, id });
  }
  const [approvedOne, declinedOne] = customers;

  await signIn(page, "ops@vendor.example", "/vendor/approvals");
  const trials = page.getByRole("table", { name: "Trials to approve" });
  await trials
    .getByRole("row", { name: new RegExp(approvedOne.name) })
    .getByRole("button", { name: "Approve" })
    .click();
  await expect(trials.getByRole("row", { name: new RegExp(approvedOne.name) })).toHaveCount(0);
  await trials
    .getByRole("row", { name: new RegExp(declinedOne.name) })
    .getByRole("button", { name: "Decline" })
    .click();
  await expect(trials.getByRole("row", { name: new RegExp(declinedOne.name) })).toHaveCount(0);

  const statusOf = async (customer: (typeof customers)[number]) =>
    (
      await callApi<{ organization: { trials: { status: string }[] } }>(
        request,
        customer.token,
        "query ($id: ID!) { organization(id: $id) { trials { status } } }",
        { id: customer.id },
      )
    ).organization.trials.map((t) => t.status);
  expect(await statusOf(approvedOne)).toEqual(["ACTIVE"]);
  expect(await statusOf(declinedOne)).toEqual(["DECLINED"]);
});

test("the vendor opens Northwind's support agreements from its profile; alice sees the same, bob none of it", async ({
  page,
}) => {
  await signIn(page, "ops@vendor.example", "/vendor/partners/ORG-NRTHWND001");
  await page.getByRole("link", { name: "Support agreements" }).click();
  await expect(page.getByRole("heading", { name: "Support agreements", level: 1 })).toBeVisible();
  const gold = page.getByRole("article", { name: "Gold agreement" });
  await expect(gold).toContainText("Incidents used:");
  await expect(gold).toContainText("alice@northwind.example PIN 40000001");

  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, "alice@northwind.example", "/agreements");
  await expect(page.getByRole("article", { name: "Gold agreement" })).toContainText("alice@northwind.example");

  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, "bob@contoso.example", "/agreements");
  await expect(page.getByText("No support agreement.")).toBeVisible();
  await expect(page.getByText("alice@northwind.example")).toHaveCount(0);
});
