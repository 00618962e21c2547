import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { Agent } from "undici";
import { currentScope, REQUEST_ID_HEADER } from "@partnergraph/kit";

/** Anything with a gateway to send to: an in-process Stack or a ProcessStack. */
export interface GatewayTarget {
  gateway: { url: string };
}

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: {
    message: string;
    path?: (string | number)[];
    extensions?: { code?: string; field?: string; [key: string]: unknown };
  }[];
  extensions?: { cost?: { requested: number; actual: number }; [key: string]: unknown };
  status: number;
  headers: Headers;
}

export interface Actor {
  token?: string;
  organizationId?: string;
}

/**
 * The tests' connections. A server closes a connection idle for 5 s (Node's keepAliveTimeout) and says so in its
 * Keep-Alive header; fetch's default agent then keeps it idle 3 s. A test process that stalls 2 s around that
 * moment (busy, as the tenancy test is, or descheduled on a loaded machine) sends on the connection just as the
 * server closes it: ECONNRESET. Kept idle at most 1 s, it takes a 4 s stall.
 */
const testAgent = new Agent({ keepAliveTimeout: 1_000, keepAliveMaxTimeout: 1_000 });

/** Sends one operation to a URL as a dashboard would (POST JSON), with the actor's token and acting organization. */
export async function post<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  actor: Actor = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const measuring = currentScope();
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      // Sent from a measured scope (statementsPerSubgraph), the request carries its id, as a gateway's fetch does.
      ...(measuring ? { [REQUEST_ID_HEADER]: measuring.requestId } : {}),
      ...(actor.token ? { authorization: `Bearer ${actor.token}` } : {}),
      ...(actor.organizationId ? { "x-organization-id": actor.organizationId } : {}),
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
    dispatcher: testAgent,
  });
  const text = await response.text();
  try {
    return { ...(JSON.parse(text) as object), status: response.status, headers: response.headers };
  } catch {
    return { errors: [{ message: text }], status: response.status, headers: response.headers };
  }
}

/**
 * An operation: a typed document from @partnergraph/operations (result and variables inferred), or a string
 * for ad-hoc queries outside the contract (result `any`).
 */
export type Operation<Result, Variables> = TypedDocumentNode<Result, Variables> | string;
/** The variables argument: optional when the operation requires none. */
export type VariablesOf<Variables> =
  Record<string, never> extends Variables ? [variables?: Variables] : [variables: Variables];

const printed = new WeakMap<object, string>();
function source(operation: Operation<any, any>): string {
  if (typeof operation === "string") return operation;
  let text = printed.get(operation);
  if (text === undefined) printed.set(operation, (text = print(operation)));
  return text;
}

function describeFailure(query: string, variables: unknown, response: GraphQLResponse) {
  return `operation failed\n--- request\n${query.trim()}\n${JSON.stringify(variables, null, 2)}\n--- response (${response.status})\n${JSON.stringify(response, null, 2)}`;
}

export class Client {
  constructor(readonly stack: GatewayTarget) {}

  get url() {
    return this.stack.gateway.url;
  }

  /** The raw response, errors and all. */
  send<Result = any, Variables = Record<string, unknown>>(
    actor: Actor,
    operation: Operation<Result, Variables>,
    ...[variables]: VariablesOf<Variables>
  ): Promise<GraphQLResponse<Result>> {
    return post<Result>(this.url, source(operation), variables ?? {}, actor);
  }

  /** The data; fails the test with the whole request and response when there are errors. */
  async ok<Result = any, Variables = Record<string, unknown>>(
    actor: Actor,
    operation: Operation<Result, Variables>,
    ...[variables]: VariablesOf<Variables>
  ): Promise<Result> {
    const query = source(operation);
    const response = await post<Result>(this.url, query, variables ?? {}, actor);
    if (response.errors?.length || !response.data) throw new Error(describeFailure(query, variables, response));
    return response.data;
  }

  /** The first error's extensions.code (and the response, to look closer); fails when there is none. */
  async error<Result = any, Variables = Record<string, unknown>>(
    actor: Actor,
    operation: Operation<Result, Variables>,
    ...[variables]: VariablesOf<Variables>
  ): Promise<{ code: string | undefined; field?: string; message: string; response: GraphQLResponse<Result> }> {
    const query = source(operation);
    const response = await post<Result>(this.url, query, variables ?? {}, actor);
    const first = response.errors?.[0];
    if (!first) throw new Error(`expected an error\n${describeFailure(query, variables, response)}`);
    return { code: first.extensions?.code, field: first.extensions?.field, message: first.message, response };
  }
}

/**
 * What an answered entity reveals beyond what the caller sent: its fields other than id and __typename that are
 * not null. A refused entity is null, or (for the nullable fields a subgraph adds to another's entity) its id with
 * every field null; both reveal {}.
 */
export function revealed(entity: unknown): Record<string, unknown> {
  if (!entity || typeof entity !== "object") return {};
  return Object.fromEntries(
    Object.entries(entity).filter(([key, value]) => key !== "id" && key !== "__typename" && value !== null),
  );
}
