import { randomBytes } from "node:crypto";

/**
 * On MySQL, every test run gets its own databases (prefix pgtest_<random>_) so runs never see each
 * other's rows; the first subgraph of each kind to start migrates them, under a MySQL named lock.
 * (The global setup runs outside jest's module mapping, so it imports nothing of the workspaces.)
 */
export default async function globalSetup(): Promise<void> {
  process.env.NODE_ENV ??= "test";
  if (process.env.DATABASE_URL) process.env.DATABASE_PREFIX = `pgtest_${randomBytes(4).toString("hex")}_`;
}
