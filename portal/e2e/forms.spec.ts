import { expect, test } from "@playwright/test";
import { callApi, devToken, registerOrganization, signIn, signInAs } from "./helpers";

// The portal's forms share one component: values, the API's complaint beside the field it names, what was done.

test("carol opens a ticket: it is said what was opened and the form is empty again", async ({ page }) => {
  await signIn(page, "carol@adatum.example", "/tickets");
  const form = page.getByRole("form", { name: "Open a ticket" });
  await form.getByLabel("Title").fill("Printer queue stuck");
  await form.getByLabel("What happened").fill("Jobs stay pending since the update");
  await form.getByLabel("Severity").selectOption("2");
  await form.getByRole("button", { name: "Open ticket" }).click();
  await expect(form.getByRole("status")).toContainText(/Ticket \S+ opened\./);
  await expect(form.getByLabel("Title")).toHaveValue("");
  await expect(form.getByLabel("Severity")).toHaveValue("3");
});

test("custom access without a service is refused beside the services, and nothing is invited", async ({ page }) => {
  await signIn(page, "carol@adatum.example", "/administrators");
  const form = page.getByRole("form", { name: "Invite an administrator" });
  await form.getByLabel("Email").fill("nobody-yet@northwind.example");
  await form.getByLabel("Custom: the services chosen").check();
  await form.getByRole("button", { name: "Send invitation" }).click();
  const services = form.getByRole("group", { name: "Services" });
  // Beside the services, without the API's name for the field.
  await expect(services.locator(".field-error")).toHaveText(/^Must name at least one service/);
  // Said once, beside the services, not again above the button.
  await expect(form.getByRole("alert")).toHaveCount(0);
  await expect(page.getByText("nobody-yet@northwind.example is invited")).toHaveCount(0);
  await expect(form.getByLabel("Email")).toHaveValue("nobody-yet@northwind.example");
});

test("alice provisions a service to Adatum as a trial; one already on trial is refused in words", async ({ page }) => {
  await signIn(page, "alice@northwind.example", "/customers/ORG-ADTM000001");
  const form = page.getByRole("form", { name: "Provision a service" });
  // Analytics, the first choice, has a pending trial at Adatum in the demo data.
  await expect(form.getByLabel("Service")).toHaveValue("ANALYTICS");
  await form.getByRole("button", { name: "Provision as a trial" }).click();
  await expect(form.getByRole("alert")).toContainText("That cannot be done now: There is already an open trial");
  await form.getByLabel("Service").selectOption({ label: "Workspace (30-day trial)" });
  await form.getByRole("button", { name: "Provision as a trial" }).click();
  await expect(form.getByRole("status")).toContainText("Provisioned: a trial of WORKSPACE");
  await expect(form.getByRole("alert")).toHaveCount(0);
});

test("bob adds a customer, which appears on Contoso's dashboard; its administrator ends the connection and it is gone", async ({
  browser,
  page,
}) => {
  const name = `Wingtip Toys ${Date.now()}`;
  const adminEmail = `wendy-${Date.now()}@wingtip.example`;
  await signIn(page, "bob@contoso.example", "/customers/new");
  await page.getByLabel("Organization name").fill(name);
  await page.getByLabel("Country (two letters)").fill("GB");
  await page.getByLabel("Administrator's name").fill("Wendy");
  await page.getByLabel("Administrator's email").fill(adminEmail);
  await page.getByRole("button", { name: "Add customer" }).click();
  await expect(page.getByRole("status")).toContainText(`${name} is added and connected; ${adminEmail} is invited`);
  await page.getByRole("link", { name: "Back to customers" }).click();
  await expect(page.getByRole("article", { name })).toBeVisible();

  // The customer's administrator sees Contoso among its partners and ends the connection (confirming).
  const wendyContext = await browser.newContext();
  const wendy = await wendyContext.newPage();
  await signInAs(wendy, adminEmail, "/partners");
  const contoso = wendy.getByRole("article", { name: "Contoso Services" });
  wendy.once("dialog", (dialog) => void dialog.accept());
  await contoso.getByRole("button", { name: "End connection" }).click();
  await expect(contoso).toHaveCount(0);
  await expect(wendy.getByText("No partner is connected.")).toBeVisible();
  await wendyContext.close();

  await page.reload();
  await expect(page.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();
  await expect(page.getByRole("article", { name })).toHaveCount(0);
});

test("carol invites an administrator with full access: it is said, and the invitation is listed", async ({ page }) => {
  const email = `admin-${Date.now()}@northwind.example`;
  await signIn(page, "carol@adatum.example", "/administrators");
  const form = page.getByRole("form", { name: "Invite an administrator" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Full: every service").check();
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`${email} is invited (Full access).`)).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("Full");
});

test("an invitation sent while the list is still loading is listed once the list answers", async ({ page }) => {
  // The list is read before the invitation commits and answered after it: as on a loaded machine, made certain here.
  let invitationAnswered: () => void = () => {};
  const answered = new Promise<void>((resolve) => (invitationAnswered = resolve));
  await page.route("**/graphql", async (route) => {
    const operation = (route.request().postDataJSON() as { operationName?: string }).operationName;
    if (operation !== "AdministratorGrants" && operation !== "InviteAdministrator") return route.continue();
    const response = await route.fetch();
    if (operation === "AdministratorGrants") await answered;
    await route.fulfill({ response });
    if (operation === "InviteAdministrator") invitationAnswered();
  });
  const email = `early-${Date.now()}@northwind.example`;
  await signIn(page, "carol@adatum.example", "/administrators");
  const form = page.getByRole("form", { name: "Invite an administrator" });
  await form.getByLabel("Email").fill(email);
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`${email} is invited (Full access).`)).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("Full");
});

test("alice opens Adatum's detail: its orders with their lines, and its contacts", async ({ page }) => {
  await signIn(page, "alice@northwind.example", "/dashboard");
  await page.getByRole("link", { name: "Adatum Corporation" }).click();
  await expect(page.getByRole("heading", { name: "Adatum Corporation", level: 1 })).toBeVisible();
  const orders = page.getByRole("region", { name: /Orders/ });
  await expect(orders.getByRole("row").nth(1)).toBeVisible();
  const contacts = page.getByRole("region", { name: "Contacts" });
  await expect(contacts.getByRole("listitem").first()).toContainText("@adatum.example");
});

test("carol revokes an administrator only once she confirms; the list then says so", async ({ page }) => {
  const email = `short-lived-${Date.now()}@northwind.example`;
  await signIn(page, "carol@adatum.example", "/administrators");
  const form = page.getByRole("form", { name: "Invite an administrator" });
  await form.getByLabel("Email").fill(email);
  await form.getByRole("button", { name: "Send invitation" }).click();
  const row = page.getByRole("row", { name: new RegExp(email) });
  await expect(row).toContainText("Pending");
  // Cancelled: nothing is revoked.
  page.once("dialog", (dialog) => void dialog.dismiss());
  await row.getByRole("button", { name: `Revoke ${email}` }).click();
  await expect(row).toContainText("Pending");
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain(`Revoke ${email}?`);
    void dialog.accept();
  });
  await row.getByRole("button", { name: `Revoke ${email}` }).click();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: `Revoke ${email}` })).toHaveCount(0);
});

test("an administrator with custom access sees its services, and acting as the customer is offered none of the account's own administration", async ({
  page,
  request,
}) => {
  // Carol makes nick (Northwind) an administrator of Adatum for Secure Private Access only; he accepts.
  const carol = await devToken(request, "carol@adatum.example");
  const nick = await devToken(request, "nick@northwind.example");
  await callApi(
    request,
    carol,
    `mutation { inviteAdministrator(input: { email: "nick@northwind.example", access: CUSTOM, serviceCodes: ["SPA"] }) { id } }`,
  );
  const { myAdministratorInvitations } = await callApi<{
    myAdministratorInvitations: { id: string; status: string; organization: { id: string } }[];
  }>(request, nick, `{ myAdministratorInvitations { id status organization { id } } }`);
  const grant = myAdministratorInvitations.find(
    (g) => g.organization.id === "ORG-ADTM000001" && g.status === "PENDING",
  )!;
  await callApi(request, nick, `mutation ($id: ID!) { acceptAdministratorInvitation(id: $id) { id } }`, {
    id: grant.id,
  });

  await signIn(page, "nick@northwind.example", "/grants");
  const adatum = page.getByRole("article", { name: "Adatum Corporation" });
  await expect(adatum).toContainText("Custom access: SPA");
  await adatum.getByRole("button", { name: "Act as Adatum Corporation" }).click();
  // Adatum's partners, without ending a connection; no Administrators page in the navigation.
  await expect(page.getByRole("article", { name: "Northwind Partners" })).toBeVisible();
  await expect(page.getByRole("button", { name: "End connection" })).toHaveCount(0);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Tickets" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Administrators" })).toHaveCount(0);
  // Reached by its address, the page says it is not theirs and offers no invitation form.
  await page.goto("/administrators");
  await expect(page.getByRole("alert")).toContainText("You do not have access to this.");
  await expect(page.getByRole("form", { name: "Invite an administrator" })).toHaveCount(0);
});

test("a customer's open tickets come a page at a time", async ({ page, request }) => {
  // A new customer opens eleven tickets through the API: ten on the first page, the oldest on the next.
  const stamp = Date.now();
  const email = `founder-${stamp}@manytickets.example`;
  const { token: founder } = await registerOrganization(request, email, `Many Tickets ${stamp}`);
  for (let i = 1; i <= 11; i++)
    await callApi(request, founder, "mutation ($input: OpenTicketInput!) { openTicket(input: $input) { id } }", {
      input: { title: `Case ${i}`, description: "Counting pages", severity: 3 },
    });
  await signInAs(page, email, "/tickets");
  await expect(page.getByText("11 open tickets")).toBeVisible();
  const table = page.getByRole("table", { name: "Open tickets" });
  await expect(table.getByRole("row")).toHaveCount(11);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Page 2")).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(2);
});
