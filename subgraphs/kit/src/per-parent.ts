import { In, ObjectLiteral, Repository, SelectQueryBuilder } from "typeorm";
import { CursorKey, encodeCursor, Page } from "./paging";

export interface PerParentOptions<T extends ObjectLiteral> {
  repository: Repository<T>;
  /** Database column holding the parent's id, e.g. "organization_id". */
  parentColumn: string;
  /** Entity property holding the parent's id, e.g. "organizationId". */
  parentProperty: keyof T & string;
  parentIds: readonly string[];
  /** Extra conditions on the alias `t`, e.g. qb => qb.andWhere("t.status = :status", { status }). */
  filter?: (qb: SelectQueryBuilder<T>) => SelectQueryBuilder<T>;
  /** Database columns to order by within each parent; the primary key `id` breaks ties. */
  orderBy: [column: string, direction: "ASC" | "DESC"][];
  /** Rows wanted per parent (one more is fetched to tell whether there is a next page). */
  first: number;
}

export interface ParentSlice<T> {
  rows: T[];
  totalCount: number;
  hasNextPage: boolean;
}

/**
 * The first N rows of each of many parents, and each parent's total, in three statements whatever the
 * number of parents or N: a ROW_NUMBER() window picks the ids, one IN query loads them, one GROUP BY counts.
 */
export async function firstRowsPerParent<T extends ObjectLiteral & { id: string }>(
  options: PerParentOptions<T>,
): Promise<ParentSlice<T>[]> {
  const { repository, parentColumn, parentIds } = options;
  if (parentIds.length === 0) return [];
  const base = () => {
    const qb = repository
      .createQueryBuilder("t")
      .where(`t.${parentColumn} IN (:...parentIds)`, { parentIds: [...parentIds] });
    return options.filter ? options.filter(qb) : qb;
  };
  const order = [...options.orderBy, ["id", "ASC"] as const]
    .map(([column, direction]) => `t.${column} ${direction}`)
    .join(", ");
  const [windowSql, windowParams] = base()
    .select([
      `t.id AS id`,
      `t.${parentColumn} AS parent`,
      `ROW_NUMBER() OVER (PARTITION BY t.${parentColumn} ORDER BY ${order}) AS rn`,
    ])
    .getQueryAndParameters();
  const limit = options.first + 1;
  const [ranked, counts] = await Promise.all([
    repository.query<{ id: string; parent: string; rn: number | string }[]>(
      `SELECT ranked.id AS id, ranked.parent AS parent, ranked.rn AS rn FROM (${windowSql}) ranked WHERE ranked.rn <= ${Number(limit)}`,
      windowParams,
    ),
    base()
      .select(`t.${parentColumn}`, "parent")
      .addSelect("COUNT(*)", "count")
      .groupBy(`t.${parentColumn}`)
      .getRawMany<{ parent: string; count: string | number }>(),
  ]);
  const rows = ranked.length ? await repository.find({ where: { id: In(ranked.map((r) => r.id)) } as any }) : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const ordered = [...ranked].sort((a, b) => Number(a.rn) - Number(b.rn));
  const total = new Map(counts.map((c) => [c.parent, Number(c.count)]));
  return parentIds.map((parentId) => {
    const mine = ordered
      .filter((r) => r.parent === parentId)
      .map((r) => byId.get(r.id)!)
      .filter(Boolean);
    return {
      rows: mine.slice(0, options.first),
      totalCount: total.get(parentId) ?? 0,
      hasNextPage: mine.length > options.first,
    };
  });
}

/** A page from one parent's slice; `totalCount` may differ from the slice's (past the first page the slice counts only what follows the cursor). */
export function slicePage<T>(
  slice: ParentSlice<T>,
  keyOf: (row: T) => CursorKey,
  totalCount = slice.totalCount,
): Page<T> {
  const edges = slice.rows.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    totalCount,
    pageInfo: { hasNextPage: slice.hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    edges,
  };
}
