import {
  callInternal,
  Caller,
  config,
  ForbiddenError,
  InternalCallError,
  ServiceUnavailableError,
  SubgraphUnavailableError,
  UnauthenticatedError,
} from "@partnergraph/kit";
import { GraphQLError } from "graphql";
import type { VerifiedToken } from "./auth";
import type { CallerCache } from "./caller-cache";

const ORGANIZATION_HEADER = /^ORG-[0-9A-Z]{4,16}$/;

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
  if (organizationId && !ORGANIZATION_HEADER.test(organizationId)) {
    throw new GraphQLError("X-Organization-Id must be an ORGID such as ORG-7K3M9Q2XWD", {
      extensions: { code: "BAD_USER_INPUT", field: "X-Organization-Id" },
    });
  }
  try {
    return await cache.resolve(token.subject, token.email, organizationId, () =>
      callInternal<Caller>(config().subgraphUrls.identity, "caller", { ...token, organizationId }),
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
