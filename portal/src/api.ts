import { cacheExchange, Client, fetchExchange } from "urql";
import type { Session } from "./session";

/**
 * One client per signed-in person and acting organization, so nothing cached for one is shown to the other.
 * Every request goes to this origin's /graphql, which the portal server hands to the gateway: the caller's own
 * token and acting organization decide what the API answers.
 */
export function apiClient(current: Session): Client {
  const headers: Record<string, string> = {};
  if (current.token) headers.authorization = `Bearer ${current.token}`;
  if (current.actingAs) headers["x-organization-id"] = current.actingAs.id;
  return new Client({
    url: "/graphql",
    exchanges: [cacheExchange, fetchExchange],
    fetchOptions: { headers },
    requestPolicy: "cache-and-network",
    // POST with a JSON body: the gateway refuses a GET without it as a possible cross-site request.
    preferGetMethod: false,
  });
}
