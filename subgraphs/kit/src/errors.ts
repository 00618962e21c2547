import { GraphQLError, GraphQLFormattedError } from "graphql";
import { ArgumentValidationError } from "type-graphql";
import { logger } from "./logger";

export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "BAD_USER_INPUT"
  | "CONFLICT"
  | "INTERNAL_SERVER_ERROR"
  | "SUBGRAPH_UNAVAILABLE"
  | "SUBGRAPH_TIMEOUT"
  | "SERVICE_UNAVAILABLE";

/** An error a client may see: message and extensions.code are part of the API. */
export class ClientError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}
export class UnauthenticatedError extends ClientError {
  constructor(message = "Sign in first: send a bearer token") {
    super("UNAUTHENTICATED", message);
  }
}
export class ForbiddenError extends ClientError {
  constructor(message = "You may not do this") {
    super("FORBIDDEN", message);
  }
}
export class NotFoundError extends ClientError {
  constructor(what: string, id?: string) {
    super("NOT_FOUND", id === undefined ? `${what} not found` : `${what} ${id} not found`);
  }
}
export class BadUserInputError extends ClientError {
  constructor(field: string, message: string) {
    super("BAD_USER_INPUT", message, { field });
  }
}
export class ConflictError extends ClientError {
  constructor(message: string) {
    super("CONFLICT", message);
  }
}

/**
 * Another service did not answer (refused, reset, 5xx) or not within its share of the request's deadline. On a
 * field: only what that service owns is missing; `service` names it.
 */
export class SubgraphUnavailableError extends ClientError {
  constructor(
    readonly service: string,
    readonly timedOut: boolean,
  ) {
    super(
      timedOut ? "SUBGRAPH_TIMEOUT" : "SUBGRAPH_UNAVAILABLE",
      timedOut ? `${service} did not answer in time` : `${service} is unavailable`,
      { service },
    );
  }
}
/** The request cannot be served at all now (e.g. the directory cannot say who the caller is): HTTP 503. */
export class ServiceUnavailableError extends ClientError {
  constructor(service: string, message: string) {
    super("SERVICE_UNAVAILABLE", message, { service });
  }
}

const PASSED_THROUGH = new Set([
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "BAD_USER_INPUT",
  "CONFLICT",
  "SUBGRAPH_UNAVAILABLE",
  "SUBGRAPH_TIMEOUT",
  "SERVICE_UNAVAILABLE",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "PERSISTED_QUERY_NOT_FOUND",
  "OPERATION_RESOLUTION_FAILURE",
  "BAD_REQUEST",
  "QUERY_TOO_COMPLEX",
  "RATE_LIMITED",
]);

function validationField(error: ArgumentValidationError): { field: string; message: string } {
  const first = error.extensions.validationErrors?.[0] as
    { property: string; constraints?: Record<string, string>; children?: unknown[] } | undefined;
  // Descend to the innermost failing property: input.name rather than input.
  const path: string[] = [];
  let node: any = first;
  while (node) {
    path.push(node.property);
    if (node.constraints) return { field: path.join("."), message: Object.values(node.constraints)[0] as string };
    node = node.children?.[0];
  }
  return { field: path.join(".") || "input", message: error.message };
}

/**
 * The field of a variable that failed coercion, named as validation names it (the input's own field, not the
 * variable): "Variable "$input" got invalid value "X" at "input.areas[1]"; …" → areas; "…; Field "customerId" of
 * required type…" → customerId; otherwise the variable.
 */
function coercionField(message: string): string | null {
  const variable = /^Variable "\$(\w+)" got invalid value /.exec(message);
  if (!variable) return null;
  const at = / at "([^"]+)";/.exec(message)?.[1];
  const inner = /; Field "(\w+)" (?:of required type|is not defined)/.exec(message)?.[1];
  const path = [
    ...(at ?? variable[1])
      .replace(/\[\d+\]/g, "")
      .split(".")
      .slice(1),
    ...(inner ? [inner] : []),
  ];
  return path.length ? path.join(".") : variable[1];
}

/**
 * Apollo Server formatError: known client errors pass through; argument validation becomes
 * BAD_USER_INPUT naming the field; anything else is masked and logged whole with the request id.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof ArgumentValidationError) {
    const { field, message } = validationField(original);
    return {
      message: `${field}: ${message}`,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: "BAD_USER_INPUT", field },
    };
  }
  const code = formatted.extensions?.code;
  // Already masked by the subgraph that failed (and logged there): pass it on as it is.
  if (code === "INTERNAL_SERVER_ERROR" && formatted.message === "Internal server error") return formatted;
  if (typeof code === "string" && PASSED_THROUGH.has(code)) {
    // Apollo adds a stacktrace outside production; never ship it.
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    if (code === "BAD_USER_INPUT" && extensions.field === undefined) {
      const field = coercionField(formatted.message);
      if (field) extensions.field = field;
    }
    return { ...formatted, extensions };
  }
  logger.error("unexpected error", {
    error: original instanceof Error ? (original.stack ?? original.message) : original,
    path: formatted.path,
  });
  return {
    message: "Internal server error",
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: "INTERNAL_SERVER_ERROR" },
  };
}
