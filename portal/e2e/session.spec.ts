import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

// Production's renewal (the provider's refresh token, or signing in again) is proven in oidc.spec.ts.

test("in development a token the API refuses is minted again for the same person, as the picker does", async ({
  page,
}) => {
  await signIn(page, "alice@northwind.example", "/grants");
  await expect(page.getByRole("heading", { name: "Administrator grants", level: 1 })).toBeVisible();
  const minted: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/dev/token") minted.push(request.postData() ?? "");
  });
  // The stored token stops being good (as an expired one does): the API answers 401 to it.
  const refused = await page.evaluate(() => {
    const stored = JSON.parse(localStorage.getItem("partnergraph.session")!) as { token: string };
    stored.token = `${stored.token}.no-longer-good`;
    localStorage.setItem("partnergraph.session", JSON.stringify(stored));
    return stored.token;
  });

  await page.reload();
  await expect(page.getByRole("heading", { name: "Administrator grants", level: 1 })).toBeVisible();
  await expect(page.getByText(/^Loading/)).toHaveCount(0);
  await expect(page.getByRole("alert")).toHaveCount(0);
  expect(minted.map((body) => JSON.parse(body))).toEqual([{ email: "alice@northwind.example" }]);
  const token = await page.evaluate(() => JSON.parse(localStorage.getItem("partnergraph.session")!).token as string);
  expect(token).not.toBe(refused);
});
