import { startSubgraph, SubgraphDefinition } from "@partnergraph/kit";
import { migrations } from "./migrations";
import { SupportOfferingResolver } from "./offering/offering.resolver";

export const support: SubgraphDefinition = {
  name: "support",
  resolvers: [SupportOfferingResolver],
  entities: [],
  migrations,
};

export const listen = (port: number) => startSubgraph(support, { port });
