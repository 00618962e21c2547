import { ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const START = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "scripts", "dist", "start.js");

export interface ProductionStack {
  /** Where the portal is served (its PORTAL_URL). */
  url: string;
  stop(): Promise<void>;
}

/** An address on this machine nothing listens on yet, for the portal (its PORTAL_URL). */
export function freeLocalUrl(): Promise<string> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(`http://127.0.0.1:${port}`));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/**
 * `npm start` as production runs it (NODE_ENV=production, secrets of its own, no JWT_SECRET), its tokens from the
 * given identity provider; the embedded database with the demo data, so the demo people have their organizations.
 */
export async function startProductionStack(
  url: string,
  identityProvider: Record<string, string>,
): Promise<ProductionStack> {
  const child: ChildProcess = spawn(process.execPath, [START], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      PORT: "0",
      PORTAL_URL: url,
      DATABASE_URL: "",
      LOG_LEVEL: "warn",
      INTERNAL_SECRET: randomBytes(32).toString("hex"),
      WEBHOOK_SECRET_KEY: randomBytes(32).toString("hex"),
      ...identityProvider,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 150_000;
  while (!(await answers(`${url}/portal/settings`))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the production stack did not start:\n${errors}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
