import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";

/**
 * HTTP statuses for requests refused before any operation runs (token, acting organization, directory,
 * operation choice). Errors met while executing keep 200, as GraphQL over HTTP asks: the body says what failed.
 */
const STATUS_BY_CODE: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  BAD_REQUEST: 400,
  SERVICE_UNAVAILABLE: 503,
};

/** The same error, answered with the HTTP status its code means (Apollo reads extensions.http). */
export function withHttpStatus(error: unknown): unknown {
  if (!(error instanceof GraphQLError)) return error;
  const status = STATUS_BY_CODE[error.extensions.code as string];
  if (!status || error.extensions.http) return error;
  return new GraphQLError(error.message, {
    originalError: error.originalError ?? undefined,
    extensions: { ...error.extensions, http: { status } },
  });
}

/**
 * A document with several operations and no operationName (or naming one it lacks) is a malformed request:
 * 400 here, instead of the gateway's executor failing on it later as an unexpected error (500).
 */
export const operationChoicePlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, request }) {
        if (operation) return;
        throw new GraphQLError(
          request.operationName
            ? `The document has no operation named "${request.operationName}"`
            : "The document holds several operations: name the one to run in operationName",
          { extensions: { code: "OPERATION_RESOLUTION_FAILURE", http: { status: 400 } } },
        );
      },
    };
  },
};
