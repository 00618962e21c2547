import { startSubgraph, SubgraphDefinition } from "@partnergraph/kit";
import { accessRoutes, localAccessDecision } from "./connection/access";
import { connectedCustomersRoutes } from "./connection/connected-customers";
import { connectionReference } from "./connection/connection.reference";
import { ConnectionResolver } from "./connection/connection.resolver";
import { Connection } from "./connection/connection.entity";
import { SUBSCRIPTIONS } from "./connection/events";
import { InvitationLink } from "./invitation/invitation-link.entity";
import { InvitationResolver } from "./invitation/invitation.resolver";
import { migrations } from "./migrations";
import { OrganizationConnectionsResolver } from "./organization/organization.resolver";
import { Organization } from "./organization/organization.type";

export { seedConnectionsDemo, DEMO_INVITATION_TOKEN } from "./demo/seed";

export const connections: SubgraphDefinition = {
  name: "connections",
  resolvers: [ConnectionResolver, InvitationResolver, OrganizationConnectionsResolver],
  orphanedTypes: [Organization],
  references: connectionReference,
  entities: [Connection, InvitationLink],
  migrations,
  internalRoutes: (dataSource) => ({ ...accessRoutes(dataSource), ...connectedCustomersRoutes(dataSource) }),
  accessDecision: localAccessDecision,
  events: { publishes: SUBSCRIPTIONS },
};

export const listen = (port: number) => startSubgraph(connections, { port });
