import { config, UnauthenticatedError } from "@partnergraph/kit";
import { createRemoteJWKSet, jwtVerify, JWTVerifyGetKey } from "jose";

export interface VerifiedToken {
  subject: string;
  email: string;
}

/** Asymmetric only: a key set never holds a shared secret, so an HS256 token cannot pass as the provider's. */
const PROVIDER_ALGORITHMS = ["RS256", "PS256", "ES256"];

let remoteKeys: { url: string; keys: JWTVerifyGetKey } | null = null;

/** The provider's key set, fetched when a token names a key it has not seen and cached by jose meanwhile. */
function providerKeys(url: string): JWTVerifyGetKey {
  if (remoteKeys?.url !== url) remoteKeys = { url, keys: createRemoteJWKSet(new URL(url)) };
  return remoteKeys.keys;
}

/**
 * The bearer token, verified: through the identity provider's JWKS in production (for the configured issuer and
 * audience), HS256 with JWT_SECRET in development. No header: null (anonymous). A bad token (wrong signature or
 * algorithm, expired, no exp, another issuer or audience when those are configured, no email): UNAUTHENTICATED.
 */
export async function verifyBearer(authorization: string | undefined): Promise<VerifiedToken | null> {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw new UnauthenticatedError("Authorization must be 'Bearer <token>'");
  const { jwksUrl, jwtSecret, jwtIssuer, jwtAudience, jwtEmailClaim } = config();
  // A token must expire: one without exp would be a password that can never be taken back.
  const options = { issuer: jwtIssuer ?? undefined, audience: jwtAudience ?? undefined, requiredClaims: ["exp"] };
  try {
    const { payload } = jwksUrl
      ? await jwtVerify(match[1], providerKeys(jwksUrl), { ...options, algorithms: PROVIDER_ALGORITHMS })
      : await jwtVerify(match[1], new TextEncoder().encode(jwtSecret!), { ...options, algorithms: ["HS256"] });
    const email = payload[jwtEmailClaim];
    if (typeof payload.sub !== "string" || typeof email !== "string") throw new Error("token lacks sub or email");
    return { subject: payload.sub, email };
  } catch {
    throw new UnauthenticatedError("The bearer token is invalid or expired");
  }
}
