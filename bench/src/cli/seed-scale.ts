import { config } from "@partnergraph/kit";
import { scaleOptions, seedScale } from "../seed";
import { parseArgs } from "./args";

const USAGE = `usage: npm run seed:scale -- [--partners 1000] [--customers 100000] [--seed 1] [--trials N] [--entitlements N]
       [--tickets N] [--notifications N] [--orders N] [--deals N] [--goals N] [--anchor YYYY-MM-DD] [--prefix partnergraph_]
Fills the four subgraphs' MySQL databases (DATABASE_URL) with a reproducible scale data set.`;

async function main() {
  const { prefix, anchor, help, ...volumes } = parseArgs(process.argv.slice(2));
  if (help) return console.log(USAGE);
  const options = scaleOptions({
    ...(volumes as Record<string, number>),
    ...(typeof anchor === "string" ? { anchor: new Date(`${anchor}T00:00:00Z`) } : {}),
  });
  if (Number.isNaN(options.anchor.getTime())) throw new Error("--anchor must be a date such as 2026-11-01");
  const databasePrefix = typeof prefix === "string" ? prefix : config().databasePrefix;
  console.log(`seeding ${databasePrefix}* (seed ${options.seed}, anchor ${options.anchor.toISOString().slice(0, 10)})`);
  const { tables, ms } = await seedScale(options, { prefix: databasePrefix, log: (line) => console.log(`  ${line}`) });
  const rows = tables.reduce((n, t) => n + t.rows, 0);
  const inserted = tables.reduce((n, t) => n + t.inserted, 0);
  console.log(
    `${rows.toLocaleString("en-US")} rows in ${tables.length} tables, ${inserted.toLocaleString("en-US")} inserted now, in ${(ms / 1000).toFixed(1)} s`,
  );
}

main().catch((error) => {
  console.error((error as Error).message ?? error);
  console.error(USAGE);
  process.exit(1);
});
