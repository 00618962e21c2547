import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./helpers";

test("alice sees Adatum's trials and license counts on the dashboard", async ({ page }) => {
  await signIn(page, "alice@northwind.example");
  await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();
  const adatum = page.getByRole("article", { name: "Adatum Corporation" });
  const trials = adatum.getByRole("list", { name: "Trials by state" });
  for (const state of ["Pending 1", "Active 1", "Expired 1", "Declined 1"]) await expect(trials).toContainText(state);
  const licenses = adatum.getByRole("row", { name: /Endpoint Management/ });
  await expect(licenses.getByRole("cell").nth(1)).toHaveText("600");
  await expect(adatum.getByRole("row", { name: /Virtual Apps and Desktops/ })).toContainText("275");
  await screenshot(page, "dashboard");
});

test("the search narrows the dashboard to matching customers", async ({ page }) => {
  await signIn(page, "alice@northwind.example");
  await page.getByLabel("Search customers").fill("Litware");
  await expect(page.getByRole("article")).toHaveCount(1);
  await expect(page.getByRole("article", { name: "Litware Inc." })).toBeVisible();
});

test("entitlements are listed soonest first, and one ending within 30 days is highlighted", async ({ page }) => {
  // The browser's clock set to 10 days before Adatum's Endpoint Management licenses end (the API's clock is real).
  await signIn(page, "alice@northwind.example");
  const adatum = page.getByRole("article", { name: "Adatum Corporation" });
  const endpoint = adatum.getByRole("row", { name: /Endpoint Management/ });
  const ends = new Date(/^\w{3} \d{1,2}, \d{4}/.exec(await endpoint.getByRole("cell").nth(2).innerText())![0]);
  await page.clock.setFixedTime(new Date(ends.getTime() - 10 * 86_400_000));
  await page.reload();
  // The page shows the day only; the licenses end later that day, so 10 or 11 days are left.
  await expect(endpoint).toContainText(/in 1[01] days/);
  await expect(endpoint).toHaveClass(/soon/);
  // Soonest first: the expiry dates down the table never go back in time.
  const expires = await adatum.locator("tbody tr td:nth-child(3)").allInnerTexts();
  const dates = expires.map((cell) => Date.parse(/^\w{3} \d{1,2}, \d{4}/.exec(cell)?.[0] ?? ""));
  expect(dates.length).toBe(4);
  expect(dates.every((time) => !Number.isNaN(time))).toBe(true);
  expect(dates).toEqual([...dates].sort((a, b) => a - b));
  await expect(adatum.getByText(/^in \d+ days$/)).toHaveCount(1);
});
