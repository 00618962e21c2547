import { CALLER_ROUTE, isOrgId, orgIdMessage } from "@partnergraph/contracts";
import {
  callRoute,
  Caller,
  ForbiddenError,
  InternalCallError,
  ServiceUnavailableError,
  SubgraphUnavailableError,
  UnauthenticatedError,
} from "@partnergraph/kit";
import { GraphQLError } from "graphql";
import type { VerifiedToken } from "./auth";
import type { CallerCache } from "./caller-cache";

/**
 * Who the token's person is and which organization they act as: from the cache when resolved moments ago,
 * otherwise asked of the identity directory (SERVICE_UNAVAILABLE when it cannot answer).
 */
export async function resolveCaller(
  token: VerifiedToken,
  organizationHeader: string | undefined,
  cache: CallerCache,
): Promise<Caller> {
  const organizationId = organizationHeader?.trim() || null;
  if (organizationId && !isOrgId(organizationId)) {
    throw new GraphQLError(orgIdMessage("X-Organization-Id"), {
      extensions: { code: "BAD_USER_INPUT", field: "X-Organization-Id" },
    });
  }
  try {
    return await cache.resolve(token.subject, token.email, organizationId, () =>
      callRoute(CALLER_ROUTE, { ...token, organizationId }),
    );
  } catch (error) {
    if (error instanceof InternalCallError && error.code === "FORBIDDEN") throw new ForbiddenError(error.message);
    if (error instanceof InternalCallError && error.code === "UNAUTHENTICATED")
      throw new UnauthenticatedError(error.message);
    if (error instanceof SubgraphUnavailableError)
      throw new ServiceUnavailableError(
        "identity",
        "The directory cannot say who you are right now: try again shortly",
      );
    throw error;
  }
}
