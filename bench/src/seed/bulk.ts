import type { Connection } from "mysql2/promise";

/** One table of a seed: its columns, how many rows the seed makes, and the rows in id order. */
export interface TableSpec {
  table: string;
  columns: string[];
  /** Every id this seed makes starts with it (e.g. "NTF-01"): counting them tells whether the table is done. */
  idPrefix: string;
  /** The primary-key column (`id` unless told). */
  idColumn?: string;
  count: number;
  rows: () => Iterable<unknown[]>;
}

export interface TableResult {
  database: string;
  table: string;
  rows: number;
  inserted: number;
  ms: number;
}

const BATCH_ROWS = 2000;

/**
 * Fills a table with multi-row INSERT IGNOREs of BATCH_ROWS rows. A table that already holds all of this
 * seed's rows is left alone (a second run changes nothing and costs one count); one left half-filled by an
 * interrupted run is completed (rows already there are ignored by their primary key).
 */
export async function fillTable(connection: Connection, database: string, spec: TableSpec): Promise<TableResult> {
  const started = performance.now();
  const idColumn = spec.idColumn ?? "id";
  const present = await countWithPrefix(connection, spec.table, idColumn, spec.idPrefix);
  let inserted = 0;
  if (present !== spec.count) {
    const sql = `INSERT IGNORE INTO \`${spec.table}\` (${spec.columns.map((c) => `\`${c}\``).join(", ")}) VALUES ?`;
    let batch: unknown[][] = [];
    const flush = async () => {
      const [result] = await connection.query(sql, [batch]);
      inserted += (result as { affectedRows: number }).affectedRows;
      batch = [];
    };
    for (const row of spec.rows()) {
      batch.push(row);
      if (batch.length === BATCH_ROWS) await flush();
    }
    if (batch.length) await flush();
  }
  return { database, table: spec.table, rows: spec.count, inserted, ms: performance.now() - started };
}

async function countWithPrefix(connection: Connection, table: string, column: string, prefix: string) {
  // A range on the primary key: the prefix holds only letters, digits and dashes, no LIKE wildcard.
  const [rows] = await connection.query(`SELECT COUNT(*) AS n FROM \`${table}\` WHERE \`${column}\` LIKE ?`, [
    `${prefix}%`,
  ]);
  return Number((rows as { n: number | string }[])[0].n);
}
