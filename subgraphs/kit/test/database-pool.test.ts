import { config } from "@partnergraph/kit";
import { DataSource } from "typeorm";
import { scratchDatabase } from "./scratch-database";

let dataSource: DataSource;

beforeAll(async () => {
  ({ dataSource } = await scratchDatabase("kit_database_pool", []));
});
afterAll(() => dataSource.destroy());

/** mysql2's pool and, on each connection, its prepared-statement cache (lru.min: `max` is its preallocated size). */
interface Pool {
  _allConnections: { toArray(): { _statements: { max: number } }[] };
}

const onMysql = config().databaseUrl ? it : it.skip;

// A soak's long-running services grew by half a megabyte of heap each time load opened another pool connection.
onMysql("opens pool connections without a 16,000-slot prepared-statement cache each (MySQL)", async () => {
  // Ten statements at once: the pool opens a connection for each.
  await Promise.all(Array.from({ length: 10 }, () => dataSource.query("SELECT SLEEP(0.05) AS slept")));
  const pool = (dataSource.driver as unknown as { pool: Pool }).pool;
  const connections = pool._allConnections.toArray();
  expect(connections.length).toBeGreaterThan(1);
  for (const connection of connections) expect(connection._statements.max).toBe(1);
});
