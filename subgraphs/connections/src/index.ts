import { startSubgraph, SubgraphDefinition } from "@partnergraph/kit";
import { accessRoutes, localAccessDecision } from "./connection/access";
import { Connection } from "./connection/connection.entity";
import { migrations } from "./migrations";
import { OrganizationConnectionsResolver } from "./organization/organization.resolver";
import { Organization } from "./organization/organization.type";

export const connections: SubgraphDefinition = {
  name: "connections",
  resolvers: [OrganizationConnectionsResolver],
  orphanedTypes: [Organization],
  entities: [Connection],
  migrations,
  internalRoutes: accessRoutes,
  accessDecision: localAccessDecision,
};

export const listen = (port: number) => startSubgraph(connections, { port });
