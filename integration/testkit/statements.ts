import { SUBGRAPH_NAMES, SubgraphName } from "@partnergraph/kit";
import type { Stack } from "@partnergraph/scripts";

/**
 * The SQL statements each subgraph runs while `work` runs. The outbox relays' background polls are
 * left out: they run on a timer whatever the request does.
 */
export async function statementsPerSubgraph(
  stack: Stack,
  work: () => Promise<unknown>,
): Promise<Record<SubgraphName, number>> {
  const counts = {} as Record<SubgraphName, number>;
  const measureFrom = async (index: number): Promise<void> => {
    if (index === SUBGRAPH_NAMES.length) {
      await work();
      return;
    }
    const name = SUBGRAPH_NAMES[index];
    const { statements } = await stack.subgraphs[name].queries.measure(() => measureFrom(index + 1));
    counts[name] = statements.filter((statement) => !statement.includes("outbox_event")).length;
  };
  await measureFrom(0);
  return counts;
}
