import { listen as gateway } from "@partnergraph/gateway";
import {
  config,
  DEFAULT_PORTS,
  logger,
  stopOnSignals,
  SubgraphName,
  SUBGRAPH_NAMES,
  startSubgraph,
} from "@partnergraph/kit";
import { SUBGRAPHS } from "./subgraphs";

/** One service alone (a container, or scaled out): `node scripts/dist/serve.js <gateway|identity|…>`. */
async function main() {
  const name = process.argv[2] as SubgraphName | "gateway";
  if (name !== "gateway" && !SUBGRAPH_NAMES.includes(name))
    throw new Error(`usage: serve <gateway|${SUBGRAPH_NAMES.join("|")}>`);
  // Read (and validate) the configuration before anything starts: production refuses development secrets here.
  config();
  const port = process.env.PORT ? config().port : DEFAULT_PORTS[name];
  const running = name === "gateway" ? await gateway(port) : await startSubgraph(SUBGRAPHS[name], { port });
  logger.info("listening", { service: name, port: running.port });
  stopOnSignals(name, () => running.stop());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
