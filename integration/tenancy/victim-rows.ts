import { SUBGRAPH_NAMES } from "@partnergraph/kit";
import type { Stack } from "@partnergraph/scripts";
import { quote } from "../testkit";

/**
 * The victims' rows in every subgraph's database: every row that holds one of their ids, except rows an actor
 * may change of its own right (its connection with a victim and the notices about it, rows of its own
 * organization). Compared before and after the actors' mutations: an actor's mutation writes none of them.
 */
const EVENT_TABLES = new Set(["outbox_event", "applied_event"]);

function actorsOwn(table: string, row: Record<string, unknown>, actors: Set<string>): boolean {
  const has = (column: string) => {
    const value = row[column];
    return typeof value === "string" && actors.has(value);
  };
  if (has("organization_id")) return true;
  if (table === "connection") return has("partner_id") || has("customer_id");
  if (table === "notification") return has("related_organization_id");
  return false;
}

export async function victimRows(
  stack: Stack,
  victimIds: Set<string>,
  actorOrganizations: Set<string>,
): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  const ids = [...victimIds];
  for (const name of SUBGRAPH_NAMES) {
    const { dataSource } = stack.subgraphs[name];
    for (const { tableName, columns } of dataSource.entityMetadatas) {
      if (EVENT_TABLES.has(tableName)) continue;
      // Only the id columns can hold a victim's id: ask for the rows that have one in any of them.
      const idColumns = columns.map((c) => c.databaseName).filter((c) => c === "id" || c.endsWith("_id"));
      if (!idColumns.length) continue;
      const list = ids.map(() => "?").join(", ");
      const rows: Record<string, unknown>[] = await dataSource.query(
        `SELECT * FROM ${quote(tableName)} WHERE ${idColumns.map((c) => `${quote(c)} IN (${list})`).join(" OR ")}`,
        idColumns.flatMap(() => ids),
      );
      tables[`${name}.${tableName}`] = rows
        .filter((row) => Object.values(row).some((v) => typeof v === "string" && victimIds.has(v)))
        .filter((row) => !actorsOwn(tableName, row, actorOrganizations))
        .map((row) => JSON.stringify(row))
        .sort();
    }
  }
  return tables;
}

/** Rows added or gone, by table; empty when the two snapshots agree. */
export function rowChanges(before: Record<string, string[]>, after: Record<string, string[]>): string[] {
  const changes: string[] = [];
  for (const table of Object.keys({ ...before, ...after })) {
    const was = new Set(before[table] ?? []);
    const is = new Set(after[table] ?? []);
    for (const row of is) if (!was.has(row)) changes.push(`${table} + ${row}`);
    for (const row of was) if (!is.has(row)) changes.push(`${table} - ${row}`);
  }
  return changes;
}
