import { config } from "@partnergraph/kit";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startGateway } from "./gateway";
import { boundHeapGrowth } from "./heap";

export { startGateway } from "./gateway";
export { apiSchemaSdl } from "./api-schema";
export type { RunningGateway, GatewayOptions } from "./gateway";
// Another engine serving the same supergraph does the same per-request work with these (bench/, the Hive Gateway test).
export { verifyBearer } from "./auth";
export { resolveCaller } from "./caller";
export { CallerCache } from "./caller-cache";
export { DirectoryChanges } from "./directory-changes";

/** The committed, composed supergraph (`npm run compose` writes it). */
export const SUPERGRAPH_PATH = join(__dirname, "..", "..", "schema", "supergraph.graphql");

/** The gateway as its own process (`node scripts/dist/serve.js gateway`, a container, the benchmark). */
export function listen(port: number) {
  boundHeapGrowth(config().heapGrowingPercent);
  return startGateway({ supergraphSdl: readFileSync(SUPERGRAPH_PATH, "utf8"), port });
}
