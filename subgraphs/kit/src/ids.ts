import { randomBytes } from "node:crypto";

// Crockford base32: no I, L, O, U, so an id read aloud or typed is not misread.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A random id like `ORG-7K3M9Q2XWD`: prefix, dash, `length` base32 characters. */
export function newId(prefix: string, length = 10): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += ALPHABET[byte % 32];
  return `${prefix}-${out}`;
}
