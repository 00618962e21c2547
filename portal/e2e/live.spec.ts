import { expect, test } from "@playwright/test";
import {
  callApi,
  devToken,
  grantGoldBadge,
  litwareToNorthwind,
  registerOrganization,
  signIn,
  signInAs,
} from "./helpers";

// Pages show what was just done and what happens elsewhere without a reload.

test("the vendor proposes the first goal of a partner that has none: it is listed without a reload", async ({
  page,
}) => {
  // Contoso has no joint goal in the demo data, and no other test proposes one to it.
  await signIn(page, "ops@vendor.example", "/scorecard/ORG-CNTS000001");
  const goals = page.getByRole("region", { name: "Joint goals" });
  await expect(goals.getByText("No joint goals yet.")).toBeVisible();
  const propose = page.getByRole("form", { name: "Propose a goal" });
  await propose.getByLabel("Metric").selectOption("PIPELINE");
  await propose.getByLabel("Target").fill("250000");
  await propose.getByLabel("Reward amount").fill("1500");
  await propose.getByRole("button", { name: "Propose goal" }).click();
  await expect(propose.getByRole("status")).toContainText("Goal proposed");
  const goal = goals.getByRole("listitem", { name: "Pipeline goal" });
  await expect(goal).toContainText("$250,000");
  await expect(goal).toContainText("Proposed");
  await expect(goals.getByText("No joint goals yet.")).toHaveCount(0);
});

test("a notification sent to a customer appears on its partner's open dashboard within the poll", async ({
  page,
  request,
}) => {
  // A customer of Contoso's own, also connected with Northwind: when Northwind ends that connection, the customer is
  // told (a notification), and Contoso's dashboard, open all along, shows it.
  const stamp = Date.now();
  const name = `Live Coffee ${stamp}`;
  const adminEmail = `lena-${stamp}@livecoffee.example`;
  const bob = await devToken(request, "bob@contoso.example");
  const added = await callApi<{ addCustomer: { customer: { id: string } } }>(
    request,
    bob,
    `mutation ($input: AddCustomerInput!) { addCustomer(input: $input) { customer { id } } }`,
    { input: { name, country: "DE", adminEmail, adminName: "Lena" } },
  );
  const alice = await devToken(request, "alice@northwind.example");
  const link = await callApi<{ partnerInvitationLink: { token: string } }>(
    request,
    alice,
    `{ partnerInvitationLink { token } }`,
  );
  const lena = await devToken(request, adminEmail);
  const connection = await callApi<{ acceptPartnerInvitation: { id: string } }>(
    request,
    lena,
    `mutation ($token: String!) { acceptPartnerInvitation(token: $token) { id } }`,
    { token: link.partnerInvitationLink.token },
  );

  await signIn(page, "bob@contoso.example");
  await page.getByLabel("Search customers").fill(name);
  // The search has answered: only this customer is listed.
  await expect(page.getByRole("article")).toHaveCount(1);
  const card = page.getByRole("article", { name });
  await expect(card.getByText("Nothing new.")).toBeVisible();

  await callApi(request, alice, `mutation ($id: ID!) { terminateConnection(id: $id) { id } }`, {
    id: connection.acceptPartnerInvitation.id,
  });
  // Through the event relay, then the dashboard's next poll (every 5 s): no reload.
  await expect(card.getByText("A partner ended the connection")).toBeVisible({ timeout: 30_000 });
  expect(added.addCustomer.customer.id).toMatch(/^ORG-/);
});

test("a partner provisions the first trial of a new customer: its detail lists it without a reload", async ({
  page,
  request,
}) => {
  const stamp = Date.now();
  const bob = await devToken(request, "bob@contoso.example");
  const added = await callApi<{ addCustomer: { customer: { id: string } } }>(
    request,
    bob,
    `mutation ($input: AddCustomerInput!) { addCustomer(input: $input) { customer { id } } }`,
    {
      input: {
        name: `Trial Roasters ${stamp}`,
        country: "FR",
        adminEmail: `tom-${stamp}@trial.example`,
        adminName: "Tom",
      },
    },
  );
  await signIn(page, "bob@contoso.example", `/customers/${added.addCustomer.customer.id}`);
  const trials = page.getByRole("region", { name: /^Trials/ });
  await expect(trials.getByText("No trials.")).toBeVisible();
  const form = page.getByRole("form", { name: "Provision a service" });
  await form.getByLabel("Service").selectOption("ANALYTICS");
  await form.getByRole("button", { name: "Provision as a trial" }).click();
  await expect(form.getByRole("status")).toContainText("Provisioned: a trial of ANALYTICS");
  // Pending until the vendor decides, or active at once where the vendor's rules approve it.
  await expect(trials.getByRole("row", { name: /Analytics/ })).toContainText(/Pending|Active/);
  await expect(trials.getByRole("heading")).toHaveText("Trials 1");
  await expect(trials.getByText("No trials.")).toHaveCount(0);
});

test("a new person registers an organization on the register page and lands on its home", async ({ page }) => {
  await signInAs(page, `pat-${Date.now()}@newco.example`);
  const form = page.getByRole("form", { name: "Register your organization" });
  await form.getByLabel("Your name").fill("Pat Newco");
  await form.getByLabel("Organization name").fill("Newco Tea");
  await form.getByLabel("Country (two letters)").fill("NL");
  await form.getByRole("button", { name: "Register" }).click();
  // A customer's home: its partners. Before, the register form came back (empty), inviting a second registration.
  await expect(page.getByRole("heading", { name: "Partners", level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/partners$/);
  await expect(page.getByRole("form", { name: "Register your organization" })).toHaveCount(0);
});

test("acting as a customer opens the customer's home, and going back opens the partner's", async ({ page }) => {
  await signIn(page, "alice@northwind.example", "/grants");
  await page.getByRole("button", { name: "Act as Adatum Corporation" }).click();
  // Adatum's home is its partners; before, the partner's customers showed, refused ("You do not have access").
  await expect(page.getByRole("heading", { name: "Partners", level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/partners$/);
  await expect(page.getByRole("article", { name: "Northwind Partners" })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
  await page.getByRole("button", { name: "Back to my organization" }).click();
  await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("article", { name: "Adatum Corporation" })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
});

test("a trial asked for while the vendor's approvals are open joins the queue within the poll", async ({
  page,
  request,
}) => {
  await signIn(page, "ops@vendor.example", "/vendor/approvals");
  const trials = page.getByRole("table", { name: "Trials to approve" });
  await expect(trials).toBeVisible();
  // A new customer asks for a trial through the API while the page stays open.
  const stamp = Date.now();
  const name = `Blue Yonder ${stamp}`;
  const { token: founder } = await registerOrganization(request, `founder-${stamp}@blueyonder.example`, name);
  await callApi(request, founder, 'mutation { requestTrial(serviceCode: "SDWAN") { id } }');
  await expect(trials.getByRole("row", { name: new RegExp(name) })).toBeVisible({ timeout: 30_000 });
});

test("a customer narrowing what it shares shows on its partner's open dashboard within the poll", async ({
  page,
  request,
}) => {
  const { dave, connectionId } = await litwareToNorthwind(request);
  const setConsent = (areas: string[]) =>
    callApi(
      request,
      dave,
      `mutation ($connectionId: ID!, $input: ConsentInput!) { setPartnerConsent(connectionId: $connectionId, input: $input) { id } }`,
      { connectionId, input: { areas, until: null } },
    );
  await signIn(page, "alice@northwind.example");
  const litware = page.getByRole("article", { name: "Litware Inc." });
  await expect(litware).toContainText("Shares with you: everything");
  try {
    await setConsent(["TRIALS", "TICKETS"]);
    // Both what the card says it shares and what it withholds, without a reload.
    await expect(litware).toContainText("Shares with you: Trials, Tickets", { timeout: 30_000 });
    await expect(litware.getByText("Not shared with you by the customer.")).toHaveCount(2);
  } finally {
    await setConsent(["ORDERS", "ENTITLEMENTS", "TRIALS", "TICKETS", "NOTIFICATIONS", "CONTACTS"]);
  }
});

test("a partner waiting on its request to resell sees the vendor's decision within the poll", async ({
  page,
  request,
}) => {
  // A new partner (a Gold Solution Advisor) asks to resell SD-WAN through the API, then opens its Resell page.
  const stamp = Date.now();
  const email = `founder-${stamp}@resellers.example`;
  const { id: partnerId, token: founder } = await registerOrganization(request, email, `Wide World Resellers ${stamp}`);
  await grantGoldBadge(request, partnerId);
  const { registerToResell } = await callApi<{ registerToResell: { id: string } }>(
    request,
    founder,
    'mutation { registerToResell(serviceCode: "SDWAN") { id } }',
  );
  await signInAs(page, email, "/resell");
  const sdwan = page
    .getByRole("list", { name: "Services to resell" })
    .getByRole("article", { name: "SD-WAN Orchestrator" });
  await expect(sdwan).toContainText("Pending");

  const vendor = await devToken(request, "ops@vendor.example");
  await callApi(request, vendor, "mutation ($id: ID!) { approveResellRegistration(id: $id, reason: null) { id } }", {
    id: registerToResell.id,
  });
  await expect(sdwan).toContainText("Approved", { timeout: 30_000 });
});

test("a partner's notifications come a page at a time: older ones are a page on, newer ones join the first", async ({
  page,
  request,
}) => {
  // A new partner adds 21 customers through the API: each connection tells it "A customer connected".
  const stamp = Date.now();
  const email = `founder-${stamp}@busy.example`;
  const { id: partnerId, token: founder } = await registerOrganization(request, email, `Busy Partners ${stamp}`);
  await grantGoldBadge(request, partnerId);
  const addCustomer = (i: number) =>
    callApi(request, founder, "mutation ($input: AddCustomerInput!) { addCustomer(input: $input) { id } }", {
      input: {
        name: `Busy Customer ${stamp} ${i}`,
        country: "US",
        adminEmail: `a${i}-${stamp}@busy.example`,
        adminName: "A",
      },
    });
  for (let i = 1; i <= 20; i++) await addCustomer(i);

  await signInAs(page, email, "/notifications");
  const list = page.getByRole("list", { name: "Notifications" });
  await expect(page.getByText("20 notifications")).toBeVisible({ timeout: 30_000 });
  await expect(list.getByRole("listitem")).toHaveCount(20);
  // One more while the page is open: the first page shows it, the oldest moves to the next page.
  await addCustomer(21);
  await expect(page.getByText("21 notifications")).toBeVisible({ timeout: 30_000 });
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Page 2")).toBeVisible();
  await expect(list.getByRole("listitem")).toHaveCount(1);
});
