import { createConnection } from "mysql2/promise";
import { DataSource, DataSourceOptions, EntityManager, Logger, MixedList } from "typeorm";
import { config } from "./config";
import type { InternalRoutes } from "./internal";
import { logger } from "./logger";

/** Counts the SQL statements a data source runs, so tests can prove batching by counting. */
export class QueryCounter implements Logger {
  count = 0;
  /** Statements other than the outbox relay's (which polls on a timer whatever the requests do). */
  requestCount = 0;
  readonly statements: string[] = [];
  private recording = false;

  logQuery(query: string) {
    this.count++;
    if (!query.includes("outbox_event")) this.requestCount++;
    if (this.recording) this.statements.push(query);
  }
  logQueryError(error: string | Error, query: string) {
    logger.warn("query failed", { error: String(error), query });
  }
  logQuerySlow(time: number, query: string) {
    logger.warn("slow query", { time, query });
  }
  logSchemaBuild() {}
  logMigration(message: string) {
    logger.info("migration", { message });
  }
  log(level: "log" | "info" | "warn", message: unknown) {
    if (level === "warn") logger.warn(String(message));
  }

  /** Runs `work` and returns how many statements it ran (and which). */
  async measure<T>(work: () => Promise<T>): Promise<{ result: T; count: number; statements: string[] }> {
    const before = this.count;
    this.statements.length = 0;
    this.recording = true;
    try {
      const result = await work();
      return { result, count: this.count - before, statements: [...this.statements] };
    } finally {
      this.recording = false;
    }
  }
}

/**
 * How many SQL statements a service has run for requests since it started (the outbox relay's left out), for
 * a benchmark that runs the service in its own process and counts statements per request. Signed like every
 * internal route.
 */
export const STATEMENTS_ROUTE = "sql-statements";
export function statementsRoute(counter: QueryCounter): InternalRoutes {
  return { [STATEMENTS_ROUTE]: async () => ({ count: counter.requestCount }) };
}

export interface DatabaseOptions {
  /** The subgraph's name: its MySQL database is `${DATABASE_PREFIX}${name}`. */
  name: string;
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
  /** Run pending migrations on start (MySQL). Tests that migrated once up front pass false. */
  runMigrations?: boolean;
}

export function databaseName(subgraph: string): string {
  return `${config().databasePrefix}${subgraph}`;
}

function mysqlCredentials(url: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    username: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  };
}

/**
 * Creates the subgraph's MySQL database when it does not exist yet, and tells whether the server
 * is MariaDB (TypeORM must know: MariaDB reports column defaults differently).
 */
export async function ensureMysqlDatabase(url: string, database: string): Promise<{ mariadb: boolean }> {
  const { host, port, username, password } = mysqlCredentials(url);
  const connection = await createConnection({ host, port, user: username, password });
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    const [rows] = await connection.query("SELECT VERSION() AS version");
    return { mariadb: /mariadb/i.test((rows as { version: string }[])[0].version) };
  } finally {
    await connection.end();
  }
}

export async function dropMysqlDatabase(url: string, database: string): Promise<void> {
  const { host, port, username, password } = mysqlCredentials(url);
  const connection = await createConnection({ host, port, user: username, password });
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await connection.end();
  }
}

/**
 * MySQL when DATABASE_URL is set (schema from migrations only, never synchronize);
 * otherwise an embedded in-memory SQLite (sql.js) whose schema follows the entities.
 */
export function dataSourceOptions(options: DatabaseOptions, counter: QueryCounter, mariadb = false): DataSourceOptions {
  const url = config().databaseUrl;
  if (url) {
    return {
      type: mariadb ? "mariadb" : "mysql",
      ...mysqlCredentials(url),
      database: databaseName(options.name),
      charset: "utf8mb4_unicode_ci",
      timezone: "Z",
      entities: options.entities,
      migrations: options.migrations,
      migrationsTableName: "migrations",
      // Migrations run in openDatabase, under a lock, so replicas starting together do not race.
      migrationsRun: false,
      synchronize: false,
      logger: counter,
      maxQueryExecutionTime: 1000,
      extra: { connectionLimit: 10 },
    };
  }
  return {
    type: "sqljs",
    autoSave: false,
    entities: options.entities,
    synchronize: true,
    logger: counter,
  };
}

export async function openDatabase(
  options: DatabaseOptions,
): Promise<{ dataSource: DataSource; queries: QueryCounter }> {
  const url = config().databaseUrl;
  const { mariadb } = url ? await ensureMysqlDatabase(url, databaseName(options.name)) : { mariadb: false };
  const queries = new QueryCounter();
  const dataSource = new DataSource(dataSourceOptions(options, queries, mariadb));
  await dataSource.initialize();
  if (url && (options.runMigrations ?? true)) await migrateUnderLock(dataSource, databaseName(options.name));
  return { dataSource, queries };
}

/** Runs pending migrations while holding a MySQL named lock: one instance migrates, the others wait. */
async function migrateUnderLock(dataSource: DataSource, database: string): Promise<void> {
  const runner = dataSource.createQueryRunner();
  const lock = `partnergraph_migrate_${database}`;
  try {
    const [row] = await runner.query("SELECT GET_LOCK(?, 120) AS acquired", [lock]);
    if (Number(row.acquired) !== 1) throw new Error(`could not take the migration lock ${lock} within 120 s`);
    await dataSource.runMigrations({ transaction: "each" });
  } finally {
    await runner.query("SELECT RELEASE_LOCK(?)", [lock]).catch(() => undefined);
    await runner.release();
  }
}

/** The SQL that would bring the database in line with the entities; empty when migrations are complete. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((query) => query.query);
}

/** True for a duplicate-key error on MySQL or SQLite: lets a unique constraint decide races. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; message?: string; driverError?: { code?: string } };
  const code = e?.code ?? e?.driverError?.code;
  return code === "ER_DUP_ENTRY" || e?.errno === 1062 || /UNIQUE constraint failed/i.test(e?.message ?? "");
}

/**
 * `lock` option for a read that precedes a write in a transaction (SELECT … FOR UPDATE). The
 * embedded database runs one transaction at a time and supports no row locks, so it gets none.
 */
export function forUpdate(manager: EntityManager): { mode: "pessimistic_write" } | undefined {
  return manager.connection.options.type === "sqljs" ? undefined : { mode: "pessimistic_write" };
}
