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

const ORGANIZATION_HEADER = /^ORG-[0-9A-Z]{4,16}$/;

/** Asks the identity directory who the token's person is and which organization they act as. */
export async function resolveCaller(token: VerifiedToken, organizationHeader: string | undefined): Promise<Caller> {
  const organizationId = organizationHeader?.trim() || null;
  if (organizationId && !ORGANIZATION_HEADER.test(organizationId)) {
    throw new GraphQLError("X-Organization-Id must be an ORGID such as ORG-7K3M9Q2XWD", {
      extensions: { code: "BAD_USER_INPUT", field: "X-Organization-Id" },
    });
  }
  try {
    return await callInternal<Caller>(config().subgraphUrls.identity, "caller", { ...token, organizationId });
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
