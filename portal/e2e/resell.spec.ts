import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./helpers";

test("bob asks to resell two services; the vendor approves one and declines the other with a reason; bob sees both", async ({
  browser,
  page,
}) => {
  await signIn(page, "bob@contoso.example");
  await page.getByRole("link", { name: "Resell" }).click();
  const services = page.getByRole("list", { name: "Services to resell" });
  // Contoso resells Workspace in the demo data; Content Collaboration may not be resold at all.
  await expect(services.getByRole("article", { name: "Workspace" })).toContainText("Approved");
  await expect(services.getByRole("article", { name: "Content Collaboration" })).toHaveCount(0);
  for (const name of ["Analytics", "SD-WAN Orchestrator"]) {
    const tile = services.getByRole("article", { name });
    await expect(tile).toContainText("Not asked yet.");
    await tile.getByRole("button", { name: "Ask to resell" }).click();
    await expect(tile).toContainText("Pending");
    // Waiting, it may only be withdrawn.
    await expect(tile.getByRole("button")).toHaveText(["Withdraw"]);
  }

  const vendorContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const vendor = await vendorContext.newPage();
  await signIn(vendor, "ops@vendor.example");
  await vendor.getByRole("link", { name: "Approvals" }).click();
  const requests = vendor.getByRole("table", { name: "Requests to resell" });
  await expect(requests.locator("tbody tr")).toHaveCount(2);
  await expect(vendor.getByText("2 requests")).toBeVisible();
  await screenshot(vendor, "vendor-approvals");
  const decide = async (service: string, reason: string, button: "Approve" | "Decline") => {
    const row = requests.getByRole("row", { name: new RegExp(service) });
    await row.getByLabel(`Reason for Contoso Services's request to resell ${service} (optional)`).fill(reason);
    await row.getByRole("button", { name: button }).click();
    await expect(vendor.getByRole("status")).toContainText(
      `${button}d Contoso Services's request to resell ${service}.`,
    );
    // Decided, it leaves the waiting list (the lists are asked again before the next decision).
    await expect(requests.getByRole("row", { name: new RegExp(service) })).toHaveCount(0);
  };
  await decide("Analytics", "Welcome aboard", "Approve");
  await decide("SD-WAN Orchestrator", "Not in your region yet", "Decline");
  await expect(vendor.getByText("No request to resell is waiting.")).toBeVisible();
  await vendorContext.close();

  await page.reload();
  const analytics = services.getByRole("article", { name: "Analytics" });
  await expect(analytics).toContainText("Approved");
  await expect(analytics).toContainText("“Welcome aboard”");
  await expect(analytics.getByRole("button")).toHaveCount(0);
  const sdwan = services.getByRole("article", { name: "SD-WAN Orchestrator" });
  await expect(sdwan).toContainText("Declined");
  await expect(sdwan).toContainText("“Not in your region yet”");
  await screenshot(page, "resell");
  await sdwan.getByRole("button", { name: "Ask again" }).click();
  await expect(sdwan).toContainText("Pending");

  // Each decision reaches bob's notifications through the event relay, the vendor's reason with it.
  await page.getByRole("link", { name: "Notifications" }).click();
  const notifications = page.getByRole("list", { name: "Notifications" });
  // The open page asks again every few seconds: wait as a person would, however long the relay takes under load.
  await expect(notifications).toContainText("The vendor says: Welcome aboard", { timeout: 45_000 });
  await expect(notifications).toContainText("The vendor says: Not in your region yet", { timeout: 45_000 });
  await expect(notifications).toContainText("You may resell a service");
  await expect(notifications).toContainText("A request to resell was declined");
});

test("a customer cannot see the vendor's requests to resell", async ({ page }) => {
  await signIn(page, "carol@adatum.example");
  await page.goto("/vendor/approvals");
  await expect(page.getByText("You do not have access to this.").first()).toBeVisible();
  await expect(page.getByRole("table", { name: "Requests to resell" })).toHaveCount(0);
});

test("alice withdraws a request and asks again; the vendor approves it, then revokes it with a reason; alice sees why in her history", async ({
  browser,
  page,
}) => {
  await signIn(page, "alice@northwind.example");
  await page.getByRole("link", { name: "Resell" }).click();
  const services = page.getByRole("list", { name: "Services to resell" });
  // Northwind resells everything but Analytics in the demo data.
  const analytics = services.getByRole("article", { name: "Analytics" });
  await analytics.getByRole("button", { name: "Ask to resell" }).click();
  await expect(analytics).toContainText("Pending");
  await analytics.getByRole("button", { name: "Withdraw the request to resell Analytics" }).click();
  await expect(analytics).toContainText("Withdrawn");
  const history = page.getByRole("table", { name: "Your requests to resell" });
  await expect(history.getByRole("row", { name: /Analytics/ })).toContainText("Withdrawn");
  await analytics.getByRole("button", { name: "Ask again" }).click();
  await expect(analytics).toContainText("Pending");
  await expect(history.getByRole("row", { name: /Analytics/ })).toHaveCount(2);

  const vendorContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const vendor = await vendorContext.newPage();
  await signIn(vendor, "ops@vendor.example");
  await vendor.getByRole("link", { name: "Approvals" }).click();
  const waiting = vendor.getByRole("table", { name: "Requests to resell" });
  await waiting
    .getByRole("row", { name: /Northwind Partners.*Analytics/ })
    .getByRole("button", { name: "Approve" })
    .click();
  await expect(vendor.getByRole("status")).toContainText("Approved Northwind Partners's request to resell Analytics.");

  // Every request, filtered to the approved ones: Northwind's Analytics is there to revoke.
  await vendor.getByLabel("Status").selectOption("APPROVED");
  const all = vendor.getByRole("table", { name: "Resell history" });
  const row = all.getByRole("row", { name: /Northwind Partners.*Analytics/ });
  await expect(row).toContainText("Approved");
  await expect(all.locator("tbody tr", { hasText: "Withdrawn" })).toHaveCount(0);
  const what = "Northwind Partners's right to resell Analytics";
  // A revocation must say why: the partner is told.
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("Check reason");
  await row.getByLabel(`Reason for revoking ${what}`).fill("Analytics needs a certified person");
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(vendor.getByRole("region", { name: "Resell history" }).getByRole("status")).toContainText(
    `Revoked ${what}.`,
  );
  await expect(all.getByRole("row", { name: /Northwind Partners.*Analytics/ })).toHaveCount(0);
  await vendor.getByLabel("Status").selectOption("REVOKED");
  await expect(all.getByRole("row", { name: /Northwind Partners.*Analytics/ })).toContainText(
    "Analytics needs a certified person",
  );
  await vendorContext.close();

  await page.reload();
  await expect(analytics).toContainText("Revoked");
  await expect(analytics).toContainText("“Analytics needs a certified person”");
  await expect(analytics.getByRole("button", { name: "Ask again" })).toBeVisible();
  await expect(history.getByRole("row", { name: /Revoked/ })).toContainText("Analytics needs a certified person");
});
