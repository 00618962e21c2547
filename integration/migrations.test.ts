import { config, openSubgraphDatabase, pendingSchemaChanges, setConfig, SUBGRAPH_NAMES } from "@partnergraph/kit";
import { SUBGRAPHS } from "@partnergraph/scripts";

/**
 * MySQL's schema comes from migrations alone. On MySQL (DATABASE_URL set), each subgraph is migrated
 * from nothing in a database of its own, compared with its entities (a changed entity without a
 * migration fails here), taken all the way down and up again. The embedded database has no migrations.
 */
const onMysql = !!config().databaseUrl;
const mysqlOnly = onMysql ? it : it.skip;

beforeAll(() => {
  if (onMysql) setConfig({ databasePrefix: `${config().databasePrefix}mig_` });
});

describe.each(SUBGRAPH_NAMES)("%s migrations", (name) => {
  mysqlOnly("build exactly the schema its entities describe, and revert cleanly", async () => {
    const definition = SUBGRAPHS[name];
    const { dataSource } = await openSubgraphDatabase(definition, true);
    try {
      expect(await pendingSchemaChanges(dataSource)).toEqual([]);
      const applied = (definition.migrations as unknown[]).length;
      for (let i = 0; i < applied; i++) await dataSource.undoLastMigration({ transaction: "each" });
      const tables = await dataSource.query<Record<string, string>[]>("SHOW TABLES");
      expect(tables.map((row) => Object.values(row)[0])).toEqual(["migrations"]);
      await dataSource.runMigrations({ transaction: "each" });
      expect(await pendingSchemaChanges(dataSource)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
