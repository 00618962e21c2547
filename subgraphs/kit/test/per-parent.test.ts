import { applyKeyset, decodeCursor, encodeCursor, firstRowsPerParent, toPage, toSqlDateTime } from "@partnergraph/kit";
import { Column, DataSource, Entity, PrimaryColumn } from "typeorm";
import { QueryCounter } from "@partnergraph/kit";
import { scratchDatabase } from "./scratch-database";

@Entity("item")
class Item {
  @PrimaryColumn({ type: "varchar", length: 20 })
  id: string;

  @Column({ name: "parent_id", type: "varchar", length: 20 })
  parentId: string;

  @Column({ type: "int" })
  rank: number;

  @Column({ name: "seen_at", type: "datetime", precision: 3 })
  seenAt: Date;
}

let dataSource: DataSource;
let queries: QueryCounter;
const parents = Array.from({ length: 100 }, (_, p) => `P${String(p).padStart(3, "0")}`);

beforeAll(async () => {
  ({ dataSource, queries } = await scratchDatabase("kit_paging", [Item]));
  const rows: Item[] = [];
  // Parent n has n % 9 items; ranks descend so the natural order differs from insertion order.
  parents.forEach((parentId, p) => {
    for (let i = 0; i < p % 9; i++)
      rows.push(
        Object.assign(new Item(), {
          id: `${parentId}-${i}`,
          parentId,
          rank: 100 - i,
          seenAt: new Date(Date.UTC(2026, 0, 1 + i)),
        }),
      );
  });
  await dataSource.getRepository(Item).save(rows, { chunk: 200 });
});
afterAll(() => dataSource?.destroy());

describe("firstRowsPerParent", () => {
  const load = (parentIds: string[], first: number) =>
    firstRowsPerParent({
      repository: dataSource.getRepository(Item),
      parentColumn: "parent_id",
      parentProperty: "parentId",
      parentIds,
      orderBy: [["rank", "ASC"]],
      first,
    });

  it("returns each parent's first rows in order, its total and whether more follow", async () => {
    const [none, eight, three] = await load(["P000", "P008", "P003"], 3);
    expect(none).toEqual({ rows: [], totalCount: 0, hasNextPage: false });
    expect(eight.rows.map((r) => r.id)).toEqual(["P008-7", "P008-6", "P008-5"]);
    expect(eight).toMatchObject({ totalCount: 8, hasNextPage: true });
    expect(three.rows.map((r) => r.id)).toEqual(["P003-2", "P003-1", "P003-0"]);
    expect(three).toMatchObject({ totalCount: 3, hasNextPage: false });
  });

  it("filters", async () => {
    const [slice] = await firstRowsPerParent({
      repository: dataSource.getRepository(Item),
      parentColumn: "parent_id",
      parentProperty: "parentId",
      parentIds: ["P008"],
      filter: (qb) => qb.andWhere("t.rank >= :min", { min: 97 }),
      orderBy: [["rank", "DESC"]],
      first: 10,
    });
    expect(slice.rows.map((r) => r.rank)).toEqual([100, 99, 98, 97]);
    expect(slice.totalCount).toBe(4);
  });

  it("runs the same number of statements for 5 parents as for 100, and for 2 rows as for 50", async () => {
    const small = await queries.measure(() => load(parents.slice(0, 5), 2));
    const large = await queries.measure(() => load(parents, 50));
    expect(small.count).toBe(1);
    expect(large.count).toBe(small.count);
  });
});

describe("keyset paging", () => {
  it("walks a list page by page without gaps or repeats, on a datetime and an id", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const key = decodeCursor(after, 2);
      const qb = applyKeyset(
        dataSource.getRepository(Item).createQueryBuilder("t").where("t.parent_id = :p", { p: "P017" }),
        [
          { column: "t.seen_at", direction: "DESC" },
          { column: "t.id", direction: "ASC" },
        ],
        key,
      ).take(3);
      const rows = await qb.getMany();
      const page = toPage(rows.slice(0, 3), 2, 8, (r) => [toSqlDateTime(r.seenAt), r.id]);
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(["P017-7", "P017-6", "P017-5", "P017-4", "P017-3", "P017-2", "P017-1", "P017-0"]);
  });

  it("rejects a cursor it did not give out", () => {
    expect(() => decodeCursor("not-a-cursor", 2)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: "BAD_USER_INPUT", field: "after" }) }),
    );
    expect(() => decodeCursor(encodeCursor(["a"]), 2)).toThrow();
  });
});
