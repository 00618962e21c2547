import { config } from "./config";
import { hmac, safeEqual } from "./signing";

/** The person behind a request, as the identity directory knows them (never as the token claims). */
export interface Caller {
  userId: string;
  email: string;
  displayName: string;
  homeOrganizationId: string | null;
  /** The organization the person acts as: their home organization, or a customer they administer. */
  organizationId: string | null;
  /** ADMIN or MEMBER of the home organization; ADMINISTRATOR when acting through a grant. */
  role: "ADMIN" | "MEMBER" | "ADMINISTRATOR" | null;
  /** When acting through a grant: FULL, or CUSTOM limited to serviceCodes. */
  grantAccess: "FULL" | "CUSTOM" | null;
  grantServiceCodes: string[];
  /** When acting through a grant: that grant's id (audit entries name it). */
  grantId?: string | null;
  /** When acting through a grant with an end: that end (ISO); a cached caller must not outlive it. */
  grantEndsAt?: string | null;
  /** The acting organization holds an active partner-program badge. */
  isPartner: boolean;
  /** The person administers the vendor's own organization and acts as it. */
  isVendorAdmin: boolean;
}

/** An administrator of the acting organization: its own ADMIN, or a FULL administrator acting through a grant. */
export function isAccountAdministrator(caller: Caller): boolean {
  return caller.role === "ADMIN" || (caller.role === "ADMINISTRATOR" && caller.grantAccess === "FULL");
}

/** What the gateway forwards to every subgraph, signed with the internal secret. */
export interface ForwardedContext {
  requestId: string;
  caller: Caller | null;
  /** Milliseconds since the epoch; a context older than CONTEXT_TTL_MS is refused. */
  issuedAt: number;
  /** When the gateway stops waiting for this fetch (ms since the epoch): work past it is work nobody reads. */
  deadline?: number;
  /** Access grants (kit access.ts) the request's earlier fetches received, signed by connections. */
  accessGrants?: string[];
}

export const CONTEXT_HEADER = "x-partnergraph-context";
const CONTEXT_TTL_MS = 60_000;

export function signContext(context: ForwardedContext, secret = config().internalSecret): string {
  const payload = Buffer.from(JSON.stringify(context)).toString("base64url");
  return `${payload}.${hmac(secret, `context.${payload}`)}`;
}

/** The forwarded context if the header is present, correctly signed and fresh; otherwise null. */
export function verifyContext(
  header: string | undefined,
  secret = config().internalSecret,
  now = Date.now(),
): ForwardedContext | null {
  if (!header) return null;
  const [payload, signature, extra] = header.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  if (!safeEqual(signature, hmac(secret, `context.${payload}`))) return null;
  try {
    const context = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as ForwardedContext;
    if (typeof context.issuedAt !== "number" || Math.abs(now - context.issuedAt) > CONTEXT_TTL_MS) return null;
    return context;
  } catch {
    return null;
  }
}
