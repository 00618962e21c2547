import { expect, test } from "@playwright/test";
import { callApi, litwareToNorthwind, signIn } from "./helpers";

const SET_CONSENT = `mutation ($connectionId: ID!, $input: ConsentInput!) {
  setPartnerConsent(connectionId: $connectionId, input: $input) { id }
}`;
const EVERY_AREA = ["ORDERS", "ENTITLEMENTS", "TRIALS", "TICKETS", "NOTIFICATIONS", "CONTACTS"];

test("the partner's dashboard shows what each customer shares, and says so where it does not", async ({
  page,
  request,
}) => {
  // Litware (dave) narrows what Northwind sees to its trials and tickets until a day a month from now.
  const { dave, connectionId } = await litwareToNorthwind(request);
  const until = new Date(Date.now() + 30 * 86_400_000);
  await callApi(request, dave, SET_CONSENT, { connectionId, input: { areas: ["TRIALS", "TICKETS"], until } });
  try {
    await signIn(page, "alice@northwind.example");
    const litware = page.getByRole("article", { name: "Litware Inc." });
    await expect(litware).toContainText("Shares with you: Trials, Tickets until");
    // Entitlements and notifications are withheld, said in words where they would be; trials still show.
    await expect(litware.getByText("Not shared with you by the customer.")).toHaveCount(2);
    await expect(litware.getByText("are not available right now")).toHaveCount(0);
    // The other customers share everything, and the page raises no alarm over what Litware chose not to share.
    await expect(page.getByRole("article", { name: "Adatum Corporation" })).toContainText(
      "Shares with you: everything",
    );
    await expect(page.getByRole("alert")).toHaveCount(0);
  } finally {
    await callApi(request, dave, SET_CONSENT, { connectionId, input: { areas: EVERY_AREA, until: null } });
  }
});

test("a customer's detail says what it does not share where it would be, and raises no alarm", async ({
  page,
  request,
}) => {
  // Litware shares only its trials and tickets with Northwind: its orders and contacts are withheld.
  const { dave, connectionId } = await litwareToNorthwind(request);
  await callApi(request, dave, SET_CONSENT, { connectionId, input: { areas: ["TRIALS", "TICKETS"], until: null } });
  try {
    await signIn(page, "alice@northwind.example", "/customers/ORG-LTWR000001");
    await expect(page.getByRole("heading", { name: "Litware Inc.", level: 1 })).toBeVisible();
    for (const section of [/^Orders/, "Contacts"])
      await expect(page.getByRole("region", { name: section })).toContainText("Not shared with you by the customer.");
    await expect(page.getByRole("region", { name: /^Trials/ })).not.toContainText("Not shared");
    await expect(page.getByRole("alert")).toHaveCount(0);
  } finally {
    await callApi(request, dave, SET_CONSENT, { connectionId, input: { areas: EVERY_AREA, until: null } });
  }
});
