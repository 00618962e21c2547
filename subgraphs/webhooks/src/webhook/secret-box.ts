import { config, ConfigError } from "@partnergraph/kit";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/** A new signing secret: 32 random bytes, prefixed so a leaked one is recognizable for what it is. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/** Checked at start-up: the service does not run without the key (production has no default). */
export function requireSecretKey(): string {
  const key = config().webhookSecretKey;
  if (!key) throw new ConfigError("WEBHOOK_SECRET_KEY is required in production: it encrypts webhook secrets");
  return key;
}

function key(): Buffer {
  return createHash("sha256").update(`webhook-secrets.${requireSecretKey()}`).digest();
}

/** AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>` (base64url); the tag makes a tampered row fail to open. */
export function sealSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", ...[iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url"))].join(".");
}

export function openSecret(sealed: string): string {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== "v1") throw new Error("unknown webhook secret format");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
