import { SUPERGRAPH_PATH } from "@partnergraph/gateway";
import { config } from "@partnergraph/kit";
import { launch, Stack } from "@partnergraph/scripts";
import { readFileSync } from "node:fs";

/**
 * The whole supergraph for one test file: four subgraphs and the gateway on free loopback ports,
 * over real HTTP, on MySQL (migrated by the global setup) or on fresh embedded databases.
 */
export async function startStack(options: { seedDemo?: boolean } = {}): Promise<Stack> {
  return launch({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, "utf8"),
    port: 0,
    seedDemo: options.seedDemo,
  });
}

export const onMysql = () => !!config().databaseUrl;
