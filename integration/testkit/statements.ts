import { SUBGRAPH_NAMES, SubgraphName } from "@partnergraph/kit";
import type { Stack } from "@partnergraph/scripts";
import { randomUUID } from "node:crypto";

/**
 * The SQL statements each subgraph runs for the requests `work` sends, and for nothing else: `work` runs in a
 * scope with one request id, every request the test client sends from it carries that id (`x-request-id`), and
 * only statements run under it count. Neither the relays' polls nor the events a consumer (audit, webhooks) is
 * still applying from the test's seeding moments ago, which run meanwhile under other ids, are the request's.
 */
export async function statementsPerSubgraph(
  stack: Stack,
  work: () => Promise<unknown>,
): Promise<Record<SubgraphName, number>> {
  const counts = {} as Record<SubgraphName, number>;
  const requestId = `measured-${randomUUID()}`;
  const measureFrom = async (index: number): Promise<void> => {
    if (index === SUBGRAPH_NAMES.length) {
      await work();
      return;
    }
    const name = SUBGRAPH_NAMES[index];
    const { statements } = await stack.subgraphs[name].queries.measure(() => measureFrom(index + 1), { requestId });
    counts[name] = statements.filter((statement) => !statement.includes("outbox_event")).length;
  };
  await measureFrom(0);
  return counts;
}
