import { ObjectLiteral, Repository, SelectQueryBuilder } from "typeorm";
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
 * The first N rows of each of many parents, and each parent's total, in ONE statement whatever the number of
 * parents or N: a derived table ranks the matching rows per parent (ROW_NUMBER() window) and counts them
 * (COUNT(*) window), and the rows ranked within N+1 are joined back and loaded as entities.
 */
export async function firstRowsPerParent<T extends ObjectLiteral & { id: string }>(
  options: PerParentOptions<T>,
): Promise<ParentSlice<T>[]> {
  const { repository, parentColumn, parentIds } = options;
  if (parentIds.length === 0) return [];
  const order = [...options.orderBy, ["id", "ASC"] as const]
    .map(([column, direction]) => `t.${column} ${direction}`)
    .join(", ");
  const ranked = (sub: SelectQueryBuilder<any>) => {
    const qb = sub
      .select([
        `t.id AS id`,
        `t.${parentColumn} AS parent`,
        `ROW_NUMBER() OVER (PARTITION BY t.${parentColumn} ORDER BY ${order}) AS rn`,
        `COUNT(*) OVER (PARTITION BY t.${parentColumn}) AS total`,
      ])
      .from(repository.target, "t")
      .where(`t.${parentColumn} IN (:...parentIds)`, { parentIds: [...parentIds] });
    return options.filter ? options.filter(qb) : qb;
  };
  const { entities, raw } = await repository
    .createQueryBuilder("picked")
    .innerJoin(ranked, "ranked", "ranked.id = picked.id")
    .addSelect(["ranked.id AS ranked_id", "ranked.parent AS ranked_parent", "ranked.rn AS ranked_rn"])
    .addSelect("ranked.total", "ranked_total")
    .where("ranked.rn <= :perParentLimit", { perParentLimit: options.first + 1 })
    .getRawAndEntities<RankedRow>();
  const byId = new Map(entities.map((row) => [String(row.id), row]));
  const byParent = new Map<string, { rows: T[]; total: number }>();
  for (const r of [...raw].sort((x, y) => Number(x.ranked_rn) - Number(y.ranked_rn))) {
    const parent = String(r.ranked_parent);
    const slice = byParent.get(parent) ?? { rows: [], total: Number(r.ranked_total) };
    slice.rows.push(byId.get(String(r.ranked_id))!);
    byParent.set(parent, slice);
  }
  return parentIds.map((parentId) => {
    const { rows, total } = byParent.get(parentId) ?? { rows: [], total: 0 };
    return { rows: rows.slice(0, options.first), totalCount: total, hasNextPage: rows.length > options.first };
  });
}

/** A row of the ranking derived table, as the joined query returns it next to the entity's columns. */
interface RankedRow {
  ranked_id: string | number;
  ranked_parent: string;
  ranked_rn: number | string;
  ranked_total: number | string;
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
