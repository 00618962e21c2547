import type { ApolloServerPlugin, BaseContext, HTTPGraphQLRequest } from "@apollo/server";
import type { Caller, RequestLimits } from "@partnergraph/kit";
import type { GraphQLSchema } from "graphql";
import { actualCost } from "./cost";
import { DocumentVerdicts } from "./document-verdicts";
import type { Budget, BudgetAnswer } from "./leaky-bucket";
import { QueryTooComplexError, rateLimited, withHeaders } from "./refusals";

/** What a request was admitted with: its requested cost and the RateLimit-* headers its answer carries. */
export interface Admission {
  requested: number;
  headers: Map<string, string>;
}

/** What the request asks for, judged from its source alone. */
export interface Judgement {
  requested: number;
  refusal: QueryTooComplexError | null;
  /** The document's tokens: what a refusal is charged. */
  tokens: number;
}

/** Whose budget a request spends: the organization the caller acts as, or else the person, or else the client address. */
export function budgetKey(caller: Caller | null, clientAddress: string): string {
  if (caller?.organizationId) return `org:${caller.organizationId}`;
  if (caller) return `user:${caller.userId}`;
  return `ip:${clientAddress}`;
}

function headersOf(answer: BudgetAnswer): Map<string, string> {
  return new Map([
    ["ratelimit-limit", String(answer.limit)],
    ["ratelimit-remaining", String(answer.remaining)],
    ["ratelimit-reset", String(answer.resetSeconds)],
  ]);
}

interface RequestParts {
  query: unknown;
  operationName: unknown;
  variables: unknown;
}

/** The query, operation name and variables of a GET or POST GraphQL request, as far as they can be read. */
function partsOf(request: HTTPGraphQLRequest): RequestParts {
  if (request.method === "GET") {
    const search = new URLSearchParams(request.search);
    let variables: unknown = {};
    try {
      variables = JSON.parse(search.get("variables") ?? "{}");
    } catch {
      // Apollo refuses it.
    }
    return { query: search.get("query"), operationName: search.get("operationName"), variables };
  }
  const body = request.body as Partial<RequestParts> | null;
  if (!body || typeof body !== "object" || Array.isArray(body))
    return { query: undefined, operationName: undefined, variables: undefined };
  return { query: body.query, operationName: body.operationName, variables: body.variables };
}

/**
 * Bounds each request's work before any subgraph is asked and before Apollo parses or validates it: a flood of
 * aliases costs the gateway one reading of its document, then a digest and a Map read per repetition. A request costs
 * what its operation asks for (at least 1; a refused one its tokens) and spends it from its organization's budget.
 */
export class RequestLimiter {
  private readonly verdicts: DocumentVerdicts;

  constructor(
    apiSchema: GraphQLSchema,
    private readonly limits: RequestLimits,
    private readonly budget: Budget | null,
  ) {
    this.verdicts = new DocumentVerdicts(apiSchema, limits);
  }

  judge(request: HTTPGraphQLRequest): Judgement {
    const { query, operationName, variables } = partsOf(request);
    // No query (a persisted query's hash, a malformed request): Apollo answers it; it costs 1.
    if (typeof query !== "string") return { requested: 0, refusal: null, tokens: 0 };
    const verdict = this.verdicts.of(query);
    const { tokens } = verdict;
    if (verdict.refusal) return { requested: 0, refusal: verdict.refusal, tokens };
    const requested = verdict.cost(
      typeof operationName === "string" ? operationName : null,
      variables && typeof variables === "object" ? (variables as Record<string, unknown>) : {},
    );
    const refusal =
      requested > this.limits.maxCost ? new QueryTooComplexError("cost", requested, this.limits.maxCost) : null;
    return { requested, refusal, tokens };
  }

  /** Spends the request's cost from `key`'s budget, or throws its refusal (400, or 429 when over budget). */
  async admit({ requested, refusal, tokens }: Judgement, key: string): Promise<Admission> {
    // A refused request is charged what reading it took, one per token: a flood of refusals meets 429s, cheaper still.
    const charge = Math.max(1, refusal ? tokens : requested);
    const answer = this.budget ? await this.budget.take(key, charge) : null;
    const headers = answer ? headersOf(answer) : new Map<string, string>();
    if (answer && !answer.allowed) throw rateLimited(charge, answer.retryAfterSeconds, headers);
    if (refusal) throw withHeaders(refusal, headers);
    return { requested, headers };
  }

  stop(): Promise<void> {
    return this.budget?.stop() ?? Promise.resolve();
  }
}

/** Answers carry the admission's RateLimit-* headers and `extensions.cost` { requested, actual }. */
export function limitsPlugin<TContext extends BaseContext & { admission?: Admission }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const admission = contextValue.admission;
          if (!admission) return;
          for (const [name, value] of admission.headers) response.http.headers.set(name, value);
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          const cost = { requested: admission.requested, actual: actualCost(result.data) };
          result.extensions = { ...result.extensions, cost };
        },
      };
    },
  };
}
