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
