import { createConnection } from "mysql2/promise";

/** Drops this run's databases (set KEEP_TEST_DATABASES=1 to look at them afterwards). */
export default async function globalTeardown(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const prefix = process.env.DATABASE_PREFIX;
  if (!url || !prefix?.startsWith("pgtest_") || process.env.KEEP_TEST_DATABASES) return;
  const connection = await createConnection(url);
  try {
    const [rows] = await connection.query("SHOW DATABASES");
    for (const row of rows as Record<string, string>[]) {
      const name = Object.values(row)[0];
      if (name.startsWith(prefix)) await connection.query(`DROP DATABASE \`${name}\``);
    }
  } finally {
    await connection.end();
  }
}
