import { createConnection } from "mysql2/promise";
import { DataSource, DataSourceOptions, EntityManager, Logger, MixedList } from "typeorm";
import { config } from "./config";
import type { InternalRoutes } from "./internal";
import { logger } from "./logger";
import { currentScope, RequestScope, runInScope } from "./observability/scope";
import { randomUUID } from "node:crypto";

/** A statement as the counter saw it: on behalf of which request, or of none (work on a timer). */
export interface CountedStatement {
  sql: string;
  /** The request it ran for; null for background work (the outbox relay's polls and deliveries, the expiry scanner). */
  requestId: string | null;
}

/** How many requests' statement counts a service keeps for the benchmark's per-request route. */
const REMEMBERED_REQUESTS = 1000;

/**
 * Counts the SQL statements a data source runs, by the request they run for (the request scope every served
 * request runs in), so tests and the benchmark prove batching by counting the statements of the request they
 * measure, never those of timers that happen to run meanwhile.
 */
export class QueryCounter implements Logger {
  count = 0;
  /** Statements run for requests (background work left out). */
  requestCount = 0;
  private readonly byRequest = new Map<string, number>();
  private recorded: CountedStatement[] | null = null;

  logQuery(query: string) {
    this.count++;
    const scope = currentScope();
    // A scope without a service is work done for an earlier request by a background worker (the relay).
    const requestId = scope?.service ? scope.requestId : null;
    if (requestId !== null) {
      this.requestCount++;
      const sofar = this.byRequest.get(requestId) ?? 0;
      this.byRequest.delete(requestId); // re-inserted last: the map forgets the requests least recently seen
      this.byRequest.set(requestId, sofar + 1);
      if (this.byRequest.size > REMEMBERED_REQUESTS) this.byRequest.delete(this.byRequest.keys().next().value!);
    }
    this.recorded?.push({ sql: query, requestId });
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

  /** Statements run so far for one request (of the last REMEMBERED_REQUESTS). */
  statementsOf(requestId: string): number {
    return this.byRequest.get(requestId) ?? 0;
  }

  /**
   * Runs `work` and returns the statements run meanwhile for requests: with `requestId`, only that request's (the
   * exact measure: `work` sends a request with that id); without, every request's, background work left out.
   * `work` itself runs in a request scope of its own, so statements it runs in this process count too.
   */
  async measure<T>(
    work: () => Promise<T>,
    { requestId }: { requestId?: string } = {},
  ): Promise<{ result: T; count: number; statements: string[] }> {
    const recorded: CountedStatement[] = [];
    const outer = this.recorded;
    this.recorded = recorded;
    try {
      const result = await runInScope(new RequestScope(requestId ?? randomUUID(), "measured"), work);
      const statements = recorded
        .filter((s) => (requestId ? s.requestId === requestId : s.requestId !== null))
        .map((s) => s.sql);
      return { result, count: statements.length, statements };
    } finally {
      this.recorded = outer;
      outer?.push(...recorded);
    }
  }
}

/**
 * How many SQL statements a service has run for requests since it started (background work left out), or with
 * `requestId` for that one request, for a benchmark that runs the service in its own process and counts the
 * statements of each request it sends. Signed like every internal route.
 */
export const STATEMENTS_ROUTE = "sql-statements";
export function statementsRoute(counter: QueryCounter): InternalRoutes {
  return {
    [STATEMENTS_ROUTE]: async ({ requestId }) => ({
      count: typeof requestId === "string" ? counter.statementsOf(requestId) : counter.requestCount,
    }),
  };
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
      // TypeORM sends every statement as a plain query, never a prepared one, yet mysql2 gives each pool connection
      // a prepared-statement cache preallocated at maxPreparedStatements (16,000) slots: four arrays, about 0.5 MB
      // of heap per connection, 5 MB per service once load has opened all ten. One slot (its minimum) is enough.
      extra: { connectionLimit: 10, maxPreparedStatements: 1 },
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
