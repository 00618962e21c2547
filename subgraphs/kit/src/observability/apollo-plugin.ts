import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { GraphQLError } from "graphql";
import { currentScope } from "./scope";

/** An error code as a label: codes are the server's own words, still bounded in shape. */
export function outcomeOf(code: unknown): string {
  return typeof code === "string" && /^[A-Z_]{1,40}$/.test(code) ? code : "ERROR";
}

/**
 * Tells the request's scope what the access line and metrics report: the operation's name and the outcome
 * ("ok", or the first error's code). Hooks only note; the HTTP layer writes once the answer is sent.
 */
export function observabilityPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async contextCreationDidFail({ error }) {
      const scope = currentScope();
      if (scope) scope.outcome = outcomeOf((error as GraphQLError).extensions?.code);
    },
    async requestDidStart({ request }) {
      const scope = currentScope();
      if (!scope) return;
      scope.operationName = request.operationName ?? null;
      return {
        async didResolveOperation({ operationName }) {
          scope.operationName = operationName ?? null;
          if (operationName) scope.span?.updateName(`graphql ${operationName}`);
        },
        async willSendResponse({ response }) {
          const errors = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
          scope.outcome = errors?.length ? outcomeOf(errors[0].extensions?.code) : "ok";
        },
      };
    },
  };
}
