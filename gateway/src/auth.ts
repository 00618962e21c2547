import { config, UnauthenticatedError } from "@partnergraph/kit";
import { createRemoteJWKSet, jwtVerify, JWTVerifyGetKey } from "jose";

export interface VerifiedToken {
  subject: string;
  email: string;
}

let remoteKeys: JWTVerifyGetKey | null = null;

/**
 * The bearer token, verified: RS256 through the identity provider's JWKS in production,
 * HS256 with JWT_SECRET in development. No header: null (anonymous). A bad token (wrong signature or algorithm,
 * expired, no exp, another issuer or audience when those are configured): UNAUTHENTICATED.
 */
export async function verifyBearer(authorization: string | undefined): Promise<VerifiedToken | null> {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw new UnauthenticatedError("Authorization must be 'Bearer <token>'");
  const { jwksUrl, jwtSecret, jwtIssuer, jwtAudience } = config();
  // A token must expire: one without exp would be a password that can never be taken back.
  const options = { issuer: jwtIssuer ?? undefined, audience: jwtAudience ?? undefined, requiredClaims: ["exp"] };
  try {
    const { payload } = jwksUrl
      ? await jwtVerify(match[1], (remoteKeys ??= createRemoteJWKSet(new URL(jwksUrl))), {
          ...options,
          algorithms: ["RS256"],
        })
      : await jwtVerify(match[1], new TextEncoder().encode(jwtSecret!), { ...options, algorithms: ["HS256"] });
    if (typeof payload.sub !== "string" || typeof payload.email !== "string")
      throw new Error("token lacks sub or email");
    return { subject: payload.sub, email: payload.email };
  } catch {
    throw new UnauthenticatedError("The bearer token is invalid or expired");
  }
}
