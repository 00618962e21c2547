import { expect, test } from "@playwright/test";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { freeLocalUrl, LocalProcess, startLocalProcess } from "./local-process";

/**
 * `npm run dev`'s half that the stack does not cover: Vite's dev server (hot reload), whose /graphql, /dev/token and
 * /portal/settings go to the running stack at PORTAL_URL (here the suite's own stack).
 */
const PORTAL_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
const VITE = join(dirname(createRequire(import.meta.url).resolve("vite/package.json")), "bin", "vite.js");

let vite: LocalProcess;
let devUrl: string;

test.beforeAll(async ({ baseURL }) => {
  devUrl = await freeLocalUrl();
  const { port } = new URL(devUrl);
  vite = await startLocalProcess(process.execPath, [VITE, "--port", port, "--strictPort", "--host", "127.0.0.1"], {
    cwd: PORTAL_DIR,
    env: { PORTAL_URL: baseURL },
    readyUrl: devUrl,
  });
});

test.afterAll(async () => {
  await vite?.stop();
});

test("the dev server (hot reload) signs alice in and shows her dashboard from the stack", async ({ page }) => {
  await page.goto(devUrl);
  // Served by Vite's dev server, not the built files: the page loads its hot-reload client.
  await expect(page.locator('script[src="/@vite/client"]')).toHaveCount(1);
  await page
    .getByRole("list", { name: "Demo people" })
    .getByRole("button", { name: "alice@northwind.example" })
    .click();
  const adatum = page.getByRole("article", { name: "Adatum Corporation" });
  await expect(
    adatum
      .getByRole("row", { name: /Endpoint Management/ })
      .getByRole("cell")
      .nth(1),
  ).toHaveText("600");
});
