import { config, dataSourceOptions, ensureMysqlDatabase, QueryCounter } from "@partnergraph/kit";
import { DataSource } from "typeorm";

/**
 * A scratch database for testing kit machinery with entities of the test's own: on MySQL a database
 * of this run (dropped with the others) whose tables follow the entities; otherwise embedded.
 */
export async function scratchDatabase(
  name: string,
  entities: Function[],
): Promise<{ dataSource: DataSource; queries: QueryCounter; another: () => Promise<DataSource> }> {
  const url = config().databaseUrl;
  const mariadb = url ? (await ensureMysqlDatabase(url, `${config().databasePrefix}${name}`)).mariadb : false;
  const queries = new QueryCounter();
  const options = dataSourceOptions({ name, entities, migrations: [] }, queries, mariadb);
  const dataSource = new DataSource({ ...options, synchronize: true, dropSchema: true });
  await dataSource.initialize();
  // A second connection pool on the same MySQL database, as a replica has (embedded: the same data source).
  const another = async () =>
    url ? new DataSource({ ...options, synchronize: false, dropSchema: false }).initialize() : dataSource;
  return { dataSource, queries, another };
}
