import { config, devSubject } from "@partnergraph/kit";
import { SignJWT } from "jose";

/** A development token: HS256 with JWT_SECRET, subject `dev|EMAIL`, valid for 12 hours. */
export async function devToken(email: string, expiresIn = "12h"): Promise<string> {
  const secret = config().jwtSecret;
  if (!secret) throw new Error("JWT_SECRET is not set: development tokens need it");
  return new SignJWT({ email: email.trim().toLowerCase() })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(devSubject(email))
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
