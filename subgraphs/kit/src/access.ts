import type { ApolloServerPlugin } from "@apollo/server";
import { config } from "./config";
import type { RequestContext } from "./context";
import { callRoute, RouteContract } from "./internal";
import { hmac, safeEqual } from "./signing";

/** The areas of a customer's data a connected partner may be allowed to see, each chosen by the customer. */
export const DATA_AREAS = ["ORDERS", "ENTITLEMENTS", "TRIALS", "TICKETS", "NOTIFICATIONS", "CONTACTS"] as const;
export type DataArea = (typeof DATA_AREAS)[number];

/**
 * "May partner P see customer C now, and which areas of it?" The connections subgraph decides; everyone else
 * asks it, batched per request, or takes the grant connections gave earlier in the same request (below); never
 * cached beyond the request (a terminated connection or a narrowed consent
 * shows at once). The answer holds only connected customers, each with the areas its consent shares now.
 */
export type AccessDecision = (partnerId: string, customerIds: string[]) => Promise<Map<string, DataArea[]>>;

export interface AccessRequest {
  partnerId: string;
  customerIds: string[];
}
export interface AccessResponse {
  connected: string[];
  /** The areas each connected customer shares now; a customer missing here shares none. */
  areas?: Record<string, DataArea[]>;
}
/** The kit's own route (every request context asks it); the other routes are in the contracts package. */
export const ACCESS_ROUTE: RouteContract<AccessRequest, AccessResponse> = { service: "connections", name: "access" };

/** The decision over HTTP, for subgraphs other than connections. */
export const remoteAccessDecision: AccessDecision = async (partnerId, customerIds) => {
  const response = await callRoute(ACCESS_ROUTE, { partnerId, customerIds });
  return new Map(response.connected.map((id) => [id, response.areas?.[id] ?? []]));
};

/**
 * Carrying the decision: the connections subgraph, having just read a partner's ACTIVE connections for a request
 * (the customer dashboard's page), vouches for those customers in its answer — a grant signed with the internal
 * secret and bound to that request and partner. The gateway hands the grants of a request's earlier fetches to
 * its later fetches, whose subgraphs then need not ask connections again for those customers. A grant is valid
 * for its own request only: the next request asks connections afresh, so a termination shows at once.
 */
export const ACCESS_GRANT_EXTENSION = "accessGrant";
const GRANT_TTL_MS = 60_000;

export interface AccessGrant {
  requestId: string;
  partnerId: string;
  /** Each vouched customer, with the areas its consent shares. */
  areas: Record<string, DataArea[]>;
  issuedAt: number;
}

export function signAccessGrant(grant: AccessGrant, secret = config().internalSecret): string {
  const payload = Buffer.from(JSON.stringify(grant)).toString("base64url");
  return `${payload}.${hmac(secret, `access.${payload}`)}`;
}

/** The customers (and areas) a grant vouches for, if it is correctly signed, fresh, and for this request and partner. */
export function verifiedAccessGrant(
  signed: unknown,
  expected: { requestId: string; partnerId: string },
  secret = config().internalSecret,
  now = Date.now(),
): Map<string, DataArea[]> {
  const vouched = new Map<string, DataArea[]>();
  if (typeof signed !== "string") return vouched;
  const [payload, signature, extra] = signed.split(".");
  if (!payload || !signature || extra !== undefined) return vouched;
  if (!safeEqual(signature, hmac(secret, `access.${payload}`))) return vouched;
  try {
    const grant = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as AccessGrant;
    if (grant.requestId !== expected.requestId || grant.partnerId !== expected.partnerId) return vouched;
    if (typeof grant.issuedAt !== "number" || Math.abs(now - grant.issuedAt) > GRANT_TTL_MS) return vouched;
    for (const [customerId, areas] of Object.entries(grant.areas ?? {}))
      if (Array.isArray(areas))
        vouched.set(
          customerId,
          areas.filter((area) => DATA_AREAS.includes(area)),
        );
  } catch {
    vouched.clear();
  }
  return vouched;
}

/** Puts the grant for the customers a request vouched for (RequestContext.vouchConnected) into its answer. */
export const accessGrantPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        const partnerId = contextValue?.caller?.organizationId;
        const vouched = contextValue?.vouched;
        if (!partnerId || !vouched?.size || response.body.kind !== "single") return;
        const grant = signAccessGrant({
          requestId: contextValue.requestId,
          partnerId,
          areas: Object.fromEntries(vouched),
          issuedAt: Date.now(),
        });
        const result = response.body.singleResult;
        result.extensions = { ...result.extensions, [ACCESS_GRANT_EXTENSION]: grant };
      },
    };
  },
};
