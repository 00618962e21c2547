import { config, databaseName, openSubgraphDatabase, setConfig, SubgraphName, SUBGRAPH_NAMES } from "@partnergraph/kit";
import { SUBGRAPHS } from "@partnergraph/scripts";
import { createConnection } from "mysql2/promise";
import { fillTable, TableResult, TableSpec } from "./bulk";
import { connectionsTables } from "./connections";
import { entitlementsTables } from "./entitlements";
import { identityTables } from "./identity";
import { buildPlan, Plan, ScaleOptions } from "./plan";
import { supportTables } from "./support";

export * from "./plan";
export { drawOrders, ORDER_CUSTOMER, ORDER_RESELLER } from "./entitlements";

/** Each subgraph's part of a scale data set, written to that subgraph's own database. */
const TABLES: Record<SubgraphName, (plan: Plan) => TableSpec[]> = {
  identity: identityTables,
  connections: connectionsTables,
  entitlements: entitlementsTables,
  support: supportTables,
  // Webhooks holds only what organizations subscribe and what it was sent: nothing at scale to seed.
  webhooks: () => [],
  // The audit trail holds what people changed: a scale data set has no history to seed.
  audit: () => [],
};

/** The subgraphs a plan writes rows to (some, like webhooks, hold nothing at scale). */
export const seededSubgraphs = (plan: Plan): SubgraphName[] =>
  SUBGRAPH_NAMES.filter((name) => TABLES[name](plan).length);

export interface SeedResult {
  plan: Plan;
  tables: TableResult[];
  ms: number;
}

/** Creates and migrates each subgraph's database as a start would, with its reference data (catalog, vendor). */
async function prepare(name: SubgraphName): Promise<void> {
  const definition = SUBGRAPHS[name];
  const { dataSource } = await openSubgraphDatabase(definition, true);
  try {
    const stop = await definition.onStart?.(dataSource);
    await stop?.();
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Fills the four subgraphs' MySQL databases (`${prefix}<subgraph>`) with a scale data set through multi-row
 * inserts, the subgraphs side by side. Deterministic for its options; a second run changes nothing.
 */
export async function seedScale(
  options: ScaleOptions,
  { prefix = config().databasePrefix, log = (_line: string) => {} } = {},
): Promise<SeedResult> {
  const url = config().databaseUrl;
  if (!url) throw new Error("DATABASE_URL must point at MySQL (e.g. mysql://root@127.0.0.1:3306)");
  const started = performance.now();
  const previous = config().databasePrefix;
  setConfig({ databasePrefix: prefix });
  try {
    for (const name of SUBGRAPH_NAMES) await prepare(name);
    const plan = buildPlan(options);
    const tables = await Promise.all(
      SUBGRAPH_NAMES.map(async (name) => {
        const connection = await createConnection({ uri: url, database: databaseName(name), dateStrings: true });
        try {
          const results: TableResult[] = [];
          for (const spec of TABLES[name](plan)) {
            const result = await fillTable(connection, databaseName(name), spec);
            log(
              `${result.database}.${result.table}: ${result.rows.toLocaleString("en-US")} rows` +
                (result.inserted ? `, ${result.inserted.toLocaleString("en-US")} inserted` : ", already there") +
                ` (${(result.ms / 1000).toFixed(1)} s)`,
            );
            results.push(result);
          }
          return results;
        } finally {
          await connection.end();
        }
      }),
    );
    return { plan, tables: tables.flat(), ms: performance.now() - started };
  } finally {
    setConfig({ databasePrefix: previous });
  }
}
