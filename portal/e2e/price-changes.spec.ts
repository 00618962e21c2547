import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./helpers";

const DAY = 86_400_000;
const day = (fromToday: number) => new Date(Date.now() + fromToday * DAY).toISOString().slice(0, 10);

test("the vendor announces a price change (field errors said beside the field); its holder and the holder's partner see it", async ({
  browser,
  page,
}) => {
  await signIn(page, "ops@vendor.example");
  await page.getByRole("link", { name: "Price changes" }).click();
  await expect(page.getByRole("heading", { name: "Price changes", level: 1 })).toBeVisible();
  const form = page.getByRole("form", { name: "Announce a price change" });
  await form.getByLabel("Service").selectOption({ label: "Endpoint Management" });

  // A day already past, then a summary of spaces: each refused beside its own field, nothing announced.
  await form.getByLabel("New price applies from").fill(day(-1));
  await form.getByLabel("What changes").fill("Per-device price rises to 4.50 USD.");
  await form.getByRole("button", { name: "Announce" }).click();
  await expect(form.getByLabel("New price applies from")).toHaveAttribute("aria-invalid", "true");
  await expect(form).toContainText("Must be in the future");
  await form.getByLabel("New price applies from").fill(day(45));
  await form.getByLabel("What changes").fill("   ");
  await form.getByRole("button", { name: "Announce" }).click();
  await expect(form.getByLabel("What changes")).toHaveAttribute("aria-invalid", "true");
  await expect(form).toContainText("Must not be empty");
  await expect(page.getByText("No price change has been announced.")).toBeVisible();

  await form.getByLabel("What changes").fill("Per-device price rises to 4.50 USD.");
  await form.getByRole("button", { name: "Announce" }).click();
  await expect(form.getByRole("status")).toContainText(/Endpoint Management: announced to \d+ holders?\./);
  const announced = page.getByRole("table", { name: "Price changes announced" });
  const row = announced.getByRole("row", { name: /Endpoint Management/ });
  await expect(row).toContainText("Per-device price rises to 4.50 USD.");
  await expect(row).toContainText("by ");
  await expect(page.getByText("1 announcement")).toBeVisible();
  await screenshot(page, "vendor-price-changes");

  // Adatum holds Endpoint Management: carol sees the announcement, concerning Adatum.
  const customer = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const carol = await customer.newPage();
  await signIn(carol, "carol@adatum.example");
  await carol.getByRole("link", { name: "Price changes" }).click();
  const hers = carol.getByRole("table", { name: "Price changes" }).getByRole("row", { name: /Endpoint Management/ });
  await expect(hers).toContainText("Per-device price rises to 4.50 USD.");
  await expect(hers).toContainText("Adatum Corporation");
  await customer.close();

  // Northwind is Adatum's partner: alice sees it too, saying it concerns Adatum.
  const partner = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const alice = await partner.newPage();
  await signIn(alice, "alice@northwind.example");
  await alice.getByRole("link", { name: "Price changes" }).click();
  const theirs = alice.getByRole("table", { name: "Price changes" }).getByRole("row", { name: /Endpoint Management/ });
  await expect(theirs).toContainText("Adatum Corporation");
  await screenshot(alice, "partner-price-changes");
  await partner.close();
});
