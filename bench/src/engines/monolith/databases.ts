import { config, databaseName, QueryCounter, SubgraphName, SUBGRAPH_NAMES } from "@partnergraph/kit";
import { createPool, Pool } from "mysql2/promise";

/**
 * The four subgraphs' databases, reached directly from one process (a monolith would have one schema; the
 * tables and statements are the same). Every statement is counted, like the subgraphs' QueryCounter.
 */
export class Databases {
  /** The subgraphs' counter, by request: the benchmark asks it for each request it counts. */
  readonly statements = new QueryCounter();
  private readonly pools: Record<SubgraphName, Pool>;

  constructor(connectionLimit = 10) {
    const url = config().databaseUrl;
    if (!url) throw new Error("the monolith baseline runs on MySQL: set DATABASE_URL");
    this.pools = Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => [
        name,
        createPool({ uri: url, database: databaseName(name), connectionLimit, timezone: "Z", dateStrings: false }),
      ]),
    ) as Record<SubgraphName, Pool>;
  }

  async query<T>(database: SubgraphName, sql: string, params: unknown[] = []): Promise<T[]> {
    this.statements.logQuery(sql);
    const [rows] = await this.pools[database].query(sql, params);
    return rows as T[];
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.pools).map((pool) => pool.end()));
  }
}

/** `?, ?, ?` for a list parameter. */
export const placeholders = (values: readonly unknown[]) => values.map(() => "?").join(", ");
