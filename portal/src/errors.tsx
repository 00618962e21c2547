import { CombinedError } from "urql";
import { session } from "./session";

interface ApiError {
  message: string;
  code?: string;
  field?: string;
  service?: string;
}

/**
 * An answer's errors split in two: each FORBIDDEN that `withheldKey` names (a customer's consent withholding one of its
 * areas, which the page says where that data would be) by its key, and the rest, still for the page to show.
 */
export function splitWithheld(
  error: CombinedError | undefined,
  withheldKey: (path: readonly (string | number)[]) => string | undefined,
): { withheld: Set<string>; rest?: CombinedError } {
  const withheld = new Set<string>();
  const others = (error?.graphQLErrors ?? []).filter((e) => {
    const key = e.extensions?.code === "FORBIDDEN" ? withheldKey(e.path ?? []) : undefined;
    if (key !== undefined) withheld.add(key);
    return key === undefined;
  });
  if (!error || (others.length === 0 && !error.networkError)) return { withheld };
  return { withheld, rest: new CombinedError({ graphQLErrors: others, networkError: error.networkError }) };
}

/** The API's errors flattened: GraphQL errors, or the HTTP refusal (401, 403, 429…) carried in the body. */
export function apiErrors(error: CombinedError | undefined): ApiError[] {
  if (!error) return [];
  const list: ApiError[] = error.graphQLErrors.map((e) => ({
    message: e.message,
    code: e.extensions?.code as string | undefined,
    field: e.extensions?.field as string | undefined,
    service: e.extensions?.service as string | undefined,
  }));
  if (list.length === 0 && error.networkError) list.push({ message: error.networkError.message, code: "NETWORK" });
  return list;
}

/** The words a person understands for each code; the API's own message says what exactly was wrong. */
export function explain(error: ApiError): string {
  switch (error.code) {
    case "UNAUTHENTICATED":
      return "Your sign-in has ended. Sign in again to continue.";
    case "FORBIDDEN":
      return "You do not have access to this. Ask an administrator of the organization for it.";
    case "BAD_USER_INPUT":
      return error.field ? `Check ${humanField(error.field)}: ${stripField(error.message)}` : error.message;
    case "NOT_FOUND":
      return "This was not found. It may have been removed, or the link is wrong.";
    case "CONFLICT":
      return `That cannot be done now: ${error.message}`;
    case "SUBGRAPH_UNAVAILABLE":
    case "SUBGRAPH_TIMEOUT":
      return `Part of this page is missing because ${error.service ?? "a service"} is not answering. Try again shortly.`;
    case "SERVICE_UNAVAILABLE":
      return "The service is not answering right now. Try again shortly.";
    case "RATE_LIMITED":
      return "Too many requests at once. Wait a moment and try again.";
    case "NETWORK":
      return "The portal cannot reach the API. Check your connection and try again.";
    default:
      return error.message || "Something went wrong.";
  }
}

function stripField(message: string): string {
  return message.replace(/^[\w.]+: /, "");
}

/** `input.adminEmail` → `admin email`. */
export function humanField(field: string): string {
  const last = field.split(".").pop() ?? field;
  return last.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/**
 * The message for one input field (BAD_USER_INPUT naming it), to show beside that field: the field's own name at its
 * start says nothing there ("serviceCodes must name a service" → "Must name a service").
 */
export function fieldError(error: CombinedError | undefined, field: string): string | undefined {
  const found = apiErrors(error).find((e) => e.code === "BAD_USER_INPUT" && e.field?.split(".").pop() === field);
  if (!found) return undefined;
  const text = stripField(found.message).replace(new RegExp(`^${field} (?=\\S)`), "");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function ErrorNote({ error, title }: { error: CombinedError | undefined; title?: string }) {
  const errors = apiErrors(error);
  if (errors.length === 0) return null;
  const signedOut = errors.some((e) => e.code === "UNAUTHENTICATED");
  return (
    <div className="note error" role="alert">
      {title && <strong>{title}</strong>}
      {[...new Set(errors.map(explain))].map((text) => (
        <p key={text}>{text}</p>
      ))}
      {signedOut && (
        <button type="button" onClick={() => session.signOut()}>
          Sign in again
        </button>
      )}
    </div>
  );
}
