import { callInternal, Caller, config, CONTEXT_HEADER, devSubject, signContext } from "@partnergraph/kit";
import { GraphQLResponse, post, Person } from "../testkit";

/** The Caller the gateway would forward for a person acting as an organization, asked of the directory as it does. */
export function callerOf(person: Person, organizationId?: string | null): Promise<Caller> {
  return callInternal<Caller>(config().subgraphUrls.identity, "caller", {
    subject: devSubject(person.email),
    email: person.email,
    organizationId: organizationId ?? null,
  });
}

/** Sends an operation straight to a subgraph with a freshly signed context, as the gateway would forward it. */
export function sendSigned(url: string, query: string, caller: Caller | null): Promise<GraphQLResponse> {
  const context = signContext({ requestId: "tenancy", caller, issuedAt: Date.now() });
  return post(url, query, {}, {}, { [CONTEXT_HEADER]: context });
}

/** Runs `work` over `items` with at most `concurrency` at a time, results in order. */
export async function bounded<T, R>(items: T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
