import { listen as gateway } from "@partnergraph/gateway";
import { config, DEFAULT_PORTS, logger, SubgraphName, SUBGRAPH_NAMES, startSubgraph } from "@partnergraph/kit";
import { SUBGRAPHS } from "./subgraphs";

/** One service alone (a container, or scaled out): `node scripts/dist/serve.js <gateway|identity|…>`. */
async function main() {
  const name = process.argv[2] as SubgraphName | "gateway";
  if (name !== "gateway" && !SUBGRAPH_NAMES.includes(name))
    throw new Error(`usage: serve <gateway|${SUBGRAPH_NAMES.join("|")}>`);
  const port = process.env.PORT ? config().port : DEFAULT_PORTS[name];
  const running = name === "gateway" ? await gateway(port) : await startSubgraph(SUBGRAPHS[name], { port });
  logger.info("listening", { service: name, port: running.port });
  const stop = async () => {
    await running.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
