import { startSubgraph, SubgraphDefinition } from "@partnergraph/kit";
import { migrations } from "./migrations";
import { ensureCatalog } from "./service/catalog";
import { Service } from "./service/service.entity";
import { ServiceResolver } from "./service/service.resolver";

export const entitlements: SubgraphDefinition = {
  name: "entitlements",
  resolvers: [ServiceResolver],
  entities: [Service],
  migrations,
  onStart: ensureCatalog,
};

export const listen = (port: number) => startSubgraph(entitlements, { port });
