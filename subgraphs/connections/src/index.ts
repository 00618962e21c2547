import { startSubgraph, SubgraphDefinition } from "@partnergraph/kit";
import { accessRoutes, localAccessDecision } from "./connection/access";
import { connectedCustomersRoutes } from "./connection/connected-customers";
import { startConsentEndScanner } from "./consent/consent-end.scanner";
import { ConsentResolver } from "./consent/consent.resolver";
import { connectionReference } from "./connection/connection.reference";
import { ConnectionResolver } from "./connection/connection.resolver";
import { Connection } from "./connection/connection.entity";
import { SUBSCRIPTIONS } from "./connection/events";
import { InvitationLink } from "./invitation/invitation-link.entity";
import { InvitationResolver } from "./invitation/invitation.resolver";
import { migrations } from "./migrations";
import { OrganizationConnectionsResolver } from "./organization/organization.resolver";
import { Organization } from "./organization/organization.type";

export { announceEndedConsents } from "./consent/consent-end.scanner";
export { seedConnectionsDemo, DEMO_INVITATION_TOKEN } from "./demo/seed";

export const connections: SubgraphDefinition = {
  name: "connections",
  resolvers: [ConnectionResolver, ConsentResolver, InvitationResolver, OrganizationConnectionsResolver],
  orphanedTypes: [Organization],
  references: connectionReference,
  entities: [Connection, InvitationLink],
  migrations,
  internalRoutes: (dataSource) => ({ ...accessRoutes(dataSource), ...connectedCustomersRoutes(dataSource) }),
  accessDecision: localAccessDecision,
  events: { publishes: SUBSCRIPTIONS },
  onStart: async (dataSource) => startConsentEndScanner(dataSource),
};

export const listen = (port: number) => startSubgraph(connections, { port });
