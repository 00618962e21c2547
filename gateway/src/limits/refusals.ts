import { GraphQLError } from "graphql";

export type LimitName = "aliases" | "depth" | "tokens" | "directives" | "cost";

const WORDS: Record<LimitName, (figure: number, max: number) => string> = {
  aliases: (figure, max) => `${figure} aliases; at most ${max}`,
  depth: (figure, max) => `nested ${figure} deep; at most ${max}`,
  tokens: (figure, max) => `${figure} tokens; at most ${max}`,
  directives: (figure, max) => `${figure} directives; at most ${max}`,
  cost: (figure, max) => `costs ${figure}; at most ${max}`,
};

/** A request refused for the work it asks for, before any subgraph is asked: HTTP 400, naming the limit and the figure. */
export class QueryTooComplexError extends GraphQLError {
  constructor(
    readonly limit: LimitName,
    readonly figure: number,
    readonly max: number,
  ) {
    super(`The operation is refused: ${WORDS[limit](figure, max)} (README, "Limits")`, {
      extensions: { code: "QUERY_TOO_COMPLEX", limit, figure, max, http: { status: 400 } },
    });
  }
}

/** The same refusal carrying the request's RateLimit-* headers (a refusal thrown before execution keeps only these). */
export function withHeaders(error: GraphQLError, headers: Map<string, string>): GraphQLError {
  const http = (error.extensions.http ?? {}) as { status?: number; headers?: Map<string, string> };
  return new GraphQLError(error.message, {
    extensions: { ...error.extensions, http: { ...http, headers: new Map([...headers, ...(http.headers ?? [])]) } },
  });
}

/** Over the organization's budget: HTTP 429 with Retry-After. */
export function rateLimited(cost: number, retryAfterSeconds: number, headers: Map<string, string>): GraphQLError {
  return new GraphQLError(
    `Rate limited: this request costs ${cost} and the budget has room for less; retry after ${retryAfterSeconds} s`,
    {
      extensions: {
        code: "RATE_LIMITED",
        retryAfter: retryAfterSeconds,
        http: { status: 429, headers: new Map([...headers, ["retry-after", String(retryAfterSeconds)]]) },
      },
    },
  );
}
