import { config, dataSourceOptions, ensureMysqlDatabase, QueryCounter } from "@partnergraph/kit";
import { DataSource } from "typeorm";

/**
 * A scratch database for testing kit machinery with entities of the test's own: on MySQL a database
 * of this run (dropped with the others) whose tables follow the entities; otherwise embedded.
 */
export async function scratchDatabase(
  name: string,
  entities: Function[],
): Promise<{ dataSource: DataSource; queries: QueryCounter }> {
  const url = config().databaseUrl;
  const mariadb = url ? (await ensureMysqlDatabase(url, `${config().databasePrefix}${name}`)).mariadb : false;
  const queries = new QueryCounter();
  const options = dataSourceOptions({ name, entities, migrations: [] }, queries, mariadb);
  const dataSource = new DataSource({ ...options, synchronize: true, dropSchema: true });
  await dataSource.initialize();
  return { dataSource, queries };
}
