import { GraphQLDataSource, GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import {
  ACCESS_GRANT_EXTENSION,
  callBudgetMs,
  Caller,
  CONTEXT_HEADER,
  ForwardedContext,
  isTimeout,
  signContext,
  SubgraphUnavailableError,
} from "@partnergraph/kit";
import { DocumentNode, Kind, parse, SelectionSetNode } from "graphql";
import { randomUUID } from "node:crypto";
import { Agent } from "undici";

type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource["process"]>>;

/** What a fetch needs of the gateway's request context. */
export interface ForwardingContext {
  requestId?: string;
  caller?: Caller | null;
  /** Access grants this request's earlier fetches received (connections'), handed to its later fetches. */
  accessGrants?: string[];
}

/** Grants one request carries at most (a dashboard page brings one). */
const MAX_ACCESS_GRANTS = 8;

export interface SubgraphSourceOptions {
  name: string;
  url: string;
  /** Node's fetch (undici) unless wrapped, e.g. to observe fetches. */
  fetcher?: typeof fetch;
}

/** Errors of a socket closed under a request before its response came back: a stale keep-alive connection. */
const CONNECTION_RESET = new Set(["ECONNRESET", "UND_ERR_SOCKET", "EPIPE"]);

function isConnectionReset(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } } | null)?.cause;
  return !!cause?.code && CONNECTION_RESET.has(cause.code);
}

interface Received {
  status: number;
  text: string;
}

/**
 * How the gateway talks to one subgraph: the caller forwarded in a signed context that carries the fetch's
 * deadline; each fetch gets a share of what is left of the request (kit callBudgetMs); a query whose connection is
 * reset before the response came back is sent once more on a fresh connection (a mutation never is); a subgraph
 * that is down, resets, answers 502–504 or runs out of time yields an error with the path of the first field it
 * owns, extensions.code SUBGRAPH_UNAVAILABLE or SUBGRAPH_TIMEOUT and extensions.service, so only its fields are
 * missing from the answer.
 */
export class SubgraphSource<TContext extends ForwardingContext> implements GraphQLDataSource<TContext> {
  readonly name: string;
  readonly url: string;
  private readonly fetcher: typeof fetch;
  /** Subgraph responses pass through here first (identity's directory changes, for one). */
  onResponse: ((response: SubgraphResponse) => void) | null = null;

  constructor(options: SubgraphSourceOptions) {
    this.name = options.name;
    this.url = options.url;
    this.fetcher = options.fetcher ?? fetch;
  }

  async process(options: GraphQLDataSourceProcessOptions<TContext>): Promise<SubgraphResponse> {
    const document = "document" in options ? options.document : undefined;
    try {
      const context = options.context as TContext | undefined;
      const response = await this.send(options.request, context);
      const grant = response.extensions?.[ACCESS_GRANT_EXTENSION];
      if (typeof grant === "string" && context?.accessGrants && context.accessGrants.length < MAX_ACCESS_GRANTS)
        context.accessGrants.push(grant);
      this.onResponse?.(response);
      return response;
    } catch (error) {
      if (!(error instanceof SubgraphUnavailableError)) throw error;
      const path = firstFieldPath(document ?? parse(options.request.query ?? "{ __typename }"));
      return { errors: [{ message: error.message, path, extensions: error.extensions }] };
    }
  }

  private async send(
    request: GraphQLDataSourceProcessOptions<TContext>["request"],
    context: TContext | undefined,
  ): Promise<SubgraphResponse> {
    const budgetMs = callBudgetMs();
    if (budgetMs <= 0) throw new SubgraphUnavailableError(this.name, true);
    const now = Date.now();
    const forwarded: ForwardedContext = {
      requestId: context?.requestId ?? randomUUID(),
      caller: context?.caller ?? null,
      issuedAt: now,
      deadline: now + budgetMs,
      ...(context?.accessGrants?.length ? { accessGrants: [...context.accessGrants] } : {}),
    };
    const { query, variables, operationName, extensions } = request;
    const init: RequestInit = {
      method: "POST",
      headers: { "content-type": "application/json", [CONTEXT_HEADER]: signContext(forwarded) },
      body: JSON.stringify({ query, variables, operationName, extensions }),
      signal: AbortSignal.timeout(budgetMs),
    };
    const retryable = !/^\s*mutation\b/.test(query ?? "");
    const received = await this.receive(init, retryable);
    if (received.status >= 502 && received.status <= 504) throw new SubgraphUnavailableError(this.name, false);
    let body: unknown;
    try {
      body = JSON.parse(received.text);
    } catch {
      body = null;
    }
    if (received.status !== 200 || !body || typeof body !== "object")
      throw new Error(`${this.name} answered HTTP ${received.status}: ${received.text.slice(0, 300)}`);
    return body;
  }

  /** Sends and reads the whole answer within the fetch's signal; one retry on a fresh connection when allowed. */
  private async receive(init: RequestInit, retryable: boolean): Promise<Received> {
    try {
      return await this.attempt(init);
    } catch (error) {
      if (isTimeout(error)) throw new SubgraphUnavailableError(this.name, true);
      if (!retryable || !(error instanceof NoResponseError) || !isConnectionReset(error.reason))
        throw new SubgraphUnavailableError(this.name, false);
    }
    const fresh = new Agent({ connections: 1 });
    try {
      return await this.attempt({ ...init, dispatcher: fresh });
    } catch (error) {
      throw new SubgraphUnavailableError(this.name, isTimeout(error));
    } finally {
      void fresh.close().catch(() => undefined);
    }
  }

  private async attempt(init: RequestInit): Promise<Received> {
    let response: Response;
    try {
      response = await this.fetcher(this.url, init);
    } catch (error) {
      // The fetch failed before the response's head arrived: nothing of the answer came back.
      if (isTimeout(error)) throw error;
      throw new NoResponseError(error);
    }
    return { status: response.status, text: await response.text() };
  }
}

/** A failure before any of the response came back (as opposed to one while reading its body). */
class NoResponseError extends Error {
  constructor(readonly reason: unknown) {
    super("no response");
  }
}

/**
 * Where the fields of a failed fetch would have been: the first field it asked for, in the client's response
 * (the gateway turns `_entities, 0, field` into that entity's path).
 */
export function firstFieldPath(document: DocumentNode): (string | number)[] | undefined {
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return undefined;
  const first = firstField(document, operation.selectionSet);
  if (!first) return undefined;
  if (first.name !== "_entities") return [first.responseName];
  const inner = first.selectionSet ? firstField(document, first.selectionSet) : null;
  return inner ? ["_entities", 0, inner.responseName] : undefined;
}

function firstField(
  document: DocumentNode,
  selectionSet: SelectionSetNode,
): { name: string; responseName: string; selectionSet?: SelectionSetNode } | null {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === "__typename") continue;
      return {
        name: selection.name.value,
        responseName: selection.alias?.value ?? selection.name.value,
        selectionSet: selection.selectionSet,
      };
    }
    const inner =
      selection.kind === Kind.INLINE_FRAGMENT
        ? selection.selectionSet
        : fragmentSelection(document, selection.name.value);
    const found = inner ? firstField(document, inner) : null;
    if (found) return found;
  }
  return null;
}

function fragmentSelection(document: DocumentNode, name: string): SelectionSetNode | null {
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === name) return definition.selectionSet;
  }
  return null;
}
