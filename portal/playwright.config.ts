import { defineConfig } from "@playwright/test";

/**
 * The portal in a real browser: Debian's Chromium (Playwright's own download is not reachable here) against the
 * whole stack as `npm start` runs it, on the embedded database with the demo data, fresh for every run.
 */
const port = Number(process.env.PORTAL_TEST_PORT ?? 4931);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  // One stack, and the scenarios change its data: one worker, in file order.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL,
    browserName: "chromium",
    viewport: { width: 1280, height: 900 },
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "node ../scripts/dist/start.js",
    url: `${baseURL}/portal/settings`,
    // PORT=0: the gateway and the subgraphs on free ports; DATABASE_URL empty: the embedded database, demo data.
    env: { PORT: "0", PORTAL_URL: baseURL, DATABASE_URL: "", LOG_LEVEL: "warn", NODE_ENV: "development" },
    reuseExistingServer: process.env.PORTAL_REUSE_SERVER === "1",
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
