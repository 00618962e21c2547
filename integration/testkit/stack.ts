import { SUPERGRAPH_PATH } from "@partnergraph/gateway";
import { config, setConfig } from "@partnergraph/kit";
import { launch, Stack } from "@partnergraph/scripts";
import { readFileSync } from "node:fs";
import { FUNCTIONAL_REQUEST_TIMEOUT_MS } from "./processes";

/**
 * The whole supergraph for one test file: four subgraphs and the gateway on free loopback ports,
 * over real HTTP, on MySQL (migrated by the global setup) or on fresh embedded databases.
 */
export async function startStack(options: { seedDemo?: boolean } = {}): Promise<Stack> {
  setConfig({ requestTimeoutMs: FUNCTIONAL_REQUEST_TIMEOUT_MS });
  return launch({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, "utf8"),
    port: 0,
    seedDemo: options.seedDemo,
  });
}

export const onMysql = () => !!config().databaseUrl;
