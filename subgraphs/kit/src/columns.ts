import { CreateDateColumn, PrimaryGeneratedColumn } from "typeorm";
import { config } from "./config";

/**
 * A creation timestamp with millisecond precision. MySQL insists that the default's precision
 * match the column's (TypeORM would emit CURRENT_TIMESTAMP(6)); SQLite knows no such default.
 */
export function CreatedAtColumn(name = "created_at"): PropertyDecorator {
  return CreateDateColumn({
    name,
    type: "datetime",
    precision: 3,
    ...(config().databaseUrl ? { default: () => "CURRENT_TIMESTAMP(3)" } : {}),
  });
}

/** A Date as the DATETIME(3) text both databases compare correctly (UTC), for raw SQL and cursors. */
export function toSqlDateTime(date: Date): string {
  return date.toISOString().replace("T", " ").replace("Z", "");
}

/**
 * An auto-increment primary key: bigint on MySQL (read back as a string), integer on SQLite, which allows
 * AUTOINCREMENT on nothing else.
 */
export function SequenceColumn(): PropertyDecorator {
  return PrimaryGeneratedColumn({ type: config().databaseUrl ? "bigint" : "integer" });
}
