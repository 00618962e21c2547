import { randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { LocalProcess, startLocalProcess } from "../local-process";

const START = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "scripts", "dist", "start.js");

/**
 * `npm start` as production runs it at `url` (NODE_ENV=production, secrets of its own, no JWT_SECRET), its tokens
 * from the given identity provider; the embedded database with the demo data, so the demo people have their
 * organizations.
 */
export function startProductionStack(url: string, identityProvider: Record<string, string>): Promise<LocalProcess> {
  return startLocalProcess(process.execPath, [START], {
    env: {
      NODE_ENV: "production",
      PORT: "0",
      PORTAL_URL: url,
      DATABASE_URL: "",
      LOG_LEVEL: "warn",
      INTERNAL_SECRET: randomBytes(32).toString("hex"),
      WEBHOOK_SECRET_KEY: randomBytes(32).toString("hex"),
      ...identityProvider,
    },
    readyUrl: `${url}/portal/settings`,
  });
}
