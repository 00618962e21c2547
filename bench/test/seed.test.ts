import { config, SUBGRAPH_NAMES } from "@partnergraph/kit";
import { createConnection } from "mysql2/promise";
import { createHash } from "node:crypto";
import {
  BENCH_PARTNER_SIZES,
  buildPlan,
  partnerSizes,
  scaleOptions,
  seededSubgraphs,
  seedScale,
} from "@partnergraph/bench";
import { Random } from "../src/seed/random";

const fingerprint = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex");

describe("the scale data set's plan", () => {
  it("is the same for the same seed and differs for another", () => {
    const options = { partners: 20, customers: 6_000, anchor: new Date("2026-11-01T00:00:00Z") };
    const plan = (seed: number) => fingerprint(buildPlan(scaleOptions({ ...options, seed })));
    expect(plan(7)).toBe(plan(7));
    expect(plan(8)).not.toBe(plan(7));
  });

  it("gives partners a long tail: the benchmark's 5,000, 1,000 and 50 first, a few more large, most in the tens", () => {
    const sizes = partnerSizes(1000, 100_000, new Random(1, "plan"));
    expect(sizes.slice(0, 3)).toEqual([
      BENCH_PARTNER_SIZES.large,
      BENCH_PARTNER_SIZES.medium,
      BENCH_PARTNER_SIZES.small,
    ]);
    expect(sizes.filter((size) => size === 5000).length).toBeLessThanOrEqual(5);
    const median = [...sizes].sort((a, b) => a - b)[500];
    expect(median).toBeGreaterThanOrEqual(10);
    expect(median).toBeLessThan(100);
  });
});

const mysqlOnly = config().databaseUrl ? it : it.skip;

describe("seed:scale on MySQL", () => {
  mysqlOnly(
    "fills every subgraph's database, and a second run with the same seed changes nothing",
    async () => {
      const prefix = `${config().databasePrefix}scale_`;
      const options = scaleOptions({ partners: 4, customers: 80, seed: 3 });
      const first = await seedScale(options, { prefix });
      try {
        expect(first.tables.every((table) => table.inserted === table.rows)).toBe(true);
        expect(new Set(first.tables.map((t) => t.database))).toEqual(
          new Set(seededSubgraphs(first.plan).map((n) => `${prefix}${n}`)),
        );
        const second = await seedScale(options, { prefix });
        expect(second.tables.map((t) => [t.table, t.rows, t.inserted])).toEqual(
          first.tables.map((t) => [t.table, t.rows, 0]),
        );
      } finally {
        const connection = await createConnection(config().databaseUrl!);
        for (const name of SUBGRAPH_NAMES) await connection.query(`DROP DATABASE IF EXISTS \`${prefix}${name}\``);
        await connection.end();
      }
    },
    120_000,
  );
});
