import { SUPERGRAPH_PATH } from "@partnergraph/gateway";
import { config, logger, stopOnSignals } from "@partnergraph/kit";
import { readFileSync } from "node:fs";
import { startHiveGateway } from "./hive";
import { startMonolith } from "./monolith/server";

/** The benchmark's other engines, each its own process like our services: `node bench/dist/engines/serve.js <hive|monolith>`. */
async function main() {
  const engine = process.argv[2];
  const supergraphSdl = readFileSync(SUPERGRAPH_PATH, "utf8");
  const port = config().port;
  const running =
    engine === "hive"
      ? await startHiveGateway({ supergraphSdl, port })
      : engine === "monolith"
        ? await startMonolith({ supergraphSdl, port })
        : null;
  if (!running) throw new Error("usage: serve <hive|monolith>");
  logger.info("listening", { service: engine, port: running.port });
  stopOnSignals(engine, () => running.stop());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
