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

describe("entitlements ResellApproval migration", () => {
  mysqlOnly(
    "makes every registration to resell made before it APPROVED (decided when made), open, and keeps them",
    async () => {
      const { dataSource } = await openSubgraphDatabase(SUBGRAPHS.entitlements, true);
      const applied = async () =>
        (await dataSource.query<{ name: string }[]>("SELECT name FROM migrations")).map((row) => row.name);
      try {
        // Back to just before it, when a registration was instant.
        while ((await applied()).includes("ResellApproval1795748144357"))
          await dataSource.undoLastMigration({ transaction: "each" });
        await dataSource.query("DELETE FROM resell_registration");
        await dataSource.query(
          `INSERT INTO resell_registration (id, organization_id, service_code, registered_by_user_id, registered_at) VALUES
         ('RSL-MIG0000001', 'ORG-MIG0000001', 'SDWAN', 'USR-MIG0000001', '2025-01-02 03:04:05.678'),
         ('RSL-MIG0000002', 'ORG-MIG0000001', 'VAD', 'USR-MIG0000001', '2025-02-03 04:05:06.789')`,
        );
        await dataSource.runMigrations({ transaction: "each" });
        const rows = await dataSource.query(
          `SELECT id, status, open_key AS openKey, DATE_FORMAT(decided_at, '%Y-%m-%d %H:%i:%s.%f') AS decidedAt, decided_by_user_id AS decidedBy, decision_reason AS reason
         FROM resell_registration ORDER BY id`,
        );
        expect(rows).toEqual([
          {
            id: "RSL-MIG0000001",
            status: "APPROVED",
            openKey: "ORG-MIG0000001:SDWAN",
            decidedAt: "2025-01-02 03:04:05.678000",
            decidedBy: null,
            reason: null,
          },
          {
            id: "RSL-MIG0000002",
            status: "APPROVED",
            openKey: "ORG-MIG0000001:VAD",
            decidedAt: "2025-02-03 04:05:06.789000",
            decidedBy: null,
            reason: null,
          },
        ]);
        // Open keys hold from the first request on: the same partner and service cannot be opened twice.
        await expect(
          dataSource.query(
            `INSERT INTO resell_registration (id, organization_id, service_code, status, open_key, registered_by_user_id) VALUES ('RSL-MIG0000003', 'ORG-MIG0000001', 'SDWAN', 'PENDING', 'ORG-MIG0000001:SDWAN', 'USR-MIG0000001')`,
          ),
        ).rejects.toThrow(/Duplicate/);
        expect(await pendingSchemaChanges(dataSource)).toEqual([]);
      } finally {
        await dataSource.query("DELETE FROM resell_registration WHERE id LIKE 'RSL-MIG%'");
        await dataSource.destroy();
      }
    },
  );
});
