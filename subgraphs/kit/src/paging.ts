import { IsOptional, Max, Min } from "class-validator";
import { ArgsType, ClassType, Directive, Field, Int, ObjectType } from "type-graphql";
import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { BadUserInputError } from "./errors";

export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `How many to return, at most ${MAX_PAGE_SIZE}` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first: number = 20;

  @Field(() => String, { nullable: true, description: "The endCursor of the previous page" })
  @IsOptional()
  after?: string | null;
}

@ObjectType()
@Directive("@shareable")
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}
export interface Page<T> {
  totalCount: number;
  pageInfo: PageInfo;
  edges: Edge<T>[];
}

/** A `<Name>Connection` object type with edges of `Node`. */
export function ConnectionType<T extends object>(name: string, Node: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor: string;

    @Field(() => Node)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => Int)
    totalCount: number;

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => [EdgeType])
    edges: EdgeType[];
  }
  return ConnectionClass;
}

export type CursorKey = (string | number)[];

/** Opaque cursor: the row's sort key, so the next page starts strictly after it (keyset paging). */
export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor(cursor: string | null | undefined, arity: number, field = "after"): CursorKey | null {
  if (cursor === null || cursor === undefined || cursor === "") return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(key) && key.length === arity && key.every((v) => typeof v === "string" || typeof v === "number"))
      return key;
  } catch {
    /* fall through */
  }
  throw new BadUserInputError(field, `${field} is not a cursor this list gave out`);
}

/** Builds a page from `first + 1` fetched rows: the extra row only tells that there is a next page. */
export function toPage<T>(rows: T[], first: number, totalCount: number, keyOf: (row: T) => CursorKey): Page<T> {
  const visible = rows.slice(0, first);
  const edges = visible.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    totalCount,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    edges,
  };
}

export function emptyPage<T>(): Page<T> {
  return { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] };
}

/** A LIKE pattern for "contains `text`"; `!` escapes the wildcards on both MySQL and SQLite (a backslash is read differently by each): use with `ESCAPE '!'`. */
export const likeContaining = (text: string) => `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;

export interface SortKey {
  /** SQL expression, e.g. "c.customer_name" or "t.created_at". */
  column: string;
  direction: "ASC" | "DESC";
}

/**
 * Orders by `keys` and, given the previous page's last key, continues strictly after it:
 * (a > :a) OR (a = :a AND b > :b) … — an index on the keys serves it, however deep the page.
 */
export function applyKeyset<Q extends { andWhere: (...args: any[]) => Q; addOrderBy: (...args: any[]) => Q }>(
  qb: Q,
  keys: SortKey[],
  after: CursorKey | null,
): Q {
  if (after) {
    const params: Record<string, unknown> = {};
    const clauses = keys.map((key, i) => {
      const equal = keys.slice(0, i).map((prev, j) => `${prev.column} = :keyset${j}`);
      const op = key.direction === "ASC" ? ">" : "<";
      return `(${[...equal, `${key.column} ${op} :keyset${i}`].join(" AND ")})`;
    });
    keys.forEach((_, i) => (params[`keyset${i}`] = after[i]));
    qb = qb.andWhere(`(${clauses.join(" OR ")})`, params);
  }
  for (const key of keys) qb = qb.addOrderBy(key.column, key.direction);
  return qb;
}

/**
 * One page of `base()`'s rows in `keys` order, continuing after `args.after`, with the total: one statement for
 * the page and one for the count, whatever the page size. `keyOf` gives a row's values of `keys`, for its cursor.
 */
export async function keysetPage<T extends ObjectLiteral>(
  base: () => SelectQueryBuilder<T>,
  keys: SortKey[],
  args: { first: number; after?: string | null },
  keyOf: (row: T) => CursorKey,
): Promise<Page<T>> {
  const after = decodeCursor(args.after, keys.length);
  const page = applyKeyset(base(), keys, after).limit(args.first + 1);
  const [rows, totalCount] = await Promise.all([page.getMany(), base().getCount()]);
  return toPage(rows, args.first, totalCount, keyOf);
}
