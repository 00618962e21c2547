import { cacheExchange, Client, fetchExchange } from "urql";
import { renewSession } from "./renewal";
import { session, type Session } from "./session";
import { afterMutationExchange } from "./stale-answers";

/**
 * One client per sign-in and acting organization, so nothing cached for one is shown to the other; a renewed token
 * keeps the client (and what it holds). Every request goes to this origin's /graphql, which the portal server hands
 * to the gateway: the caller's own token and acting organization decide what the API answers.
 */
export function apiClient(actingAs: Session["actingAs"]): Client {
  return new Client({
    url: "/graphql",
    exchanges: [afterMutationExchange, cacheExchange, fetchExchange],
    fetchOptions: () => {
      const headers: Record<string, string> = {};
      const { token } = session.get();
      if (token) headers.authorization = `Bearer ${token}`;
      if (actingAs) headers["x-organization-id"] = actingAs.id;
      return { headers };
    },
    fetch: renewingFetch,
    requestPolicy: "cache-and-network",
    // POST with a JSON body: the gateway refuses a GET without it as a possible cross-site request.
    preferGetMethod: false,
  });
}

/**
 * fetch, but a request the API refuses for its token (401) is sent once more with a renewed one (renewal.ts); when there
 * is none the refusal stands and the session has ended (the person is asked to sign in again). Nothing is done twice:
 * a refused request did nothing.
 */
async function renewingFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const sent = new Headers(init?.headers).get("authorization")?.replace(/^Bearer /, "");
  const response = await fetch(input, init);
  if (response.status !== 401 || !sent || !(await renewSession(sent))) return response;
  const headers = new Headers(init?.headers);
  headers.set("authorization", `Bearer ${session.get().token}`);
  return fetch(input, { ...init, headers });
}
