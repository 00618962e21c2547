import { config, ReminderSent, startDayRetention, startSubgraph, SubgraphDefinition } from "@partnergraph/kit";
import { BulkJob, BulkJobItem } from "./bulk/bulk-job.entity";
import { BULK_JOB_RETENTION } from "./bulk/bulk-job-retention";
import { BulkJobItemResolver, BulkJobResolver } from "./bulk/bulk-job.resolver";
import { BulkJobRunner, registerBulkRunner } from "./bulk/bulk-job.runner";
import { accessRoutes, localAccessDecision } from "./connection/access";
import { connectedPartnersRoutes } from "./connection/connected-partners";
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

export { bulkRunnerOf } from "./bulk/bulk-job.runner";
export { BULK_JOB_RETENTION } from "./bulk/bulk-job-retention";
export { announceEndedConsents } from "./consent/consent-end.scanner";
export { remindConsentEnds } from "./consent/consent-reminder.scanner";
export { seedConnectionsDemo, DEMO_INVITATION_TOKEN } from "./demo/seed";

export const connections: SubgraphDefinition = {
  name: "connections",
  resolvers: [
    ConnectionResolver,
    ConsentResolver,
    InvitationResolver,
    OrganizationConnectionsResolver,
    BulkJobResolver,
    BulkJobItemResolver,
  ],
  orphanedTypes: [Organization],
  references: connectionReference,
  entities: [Connection, InvitationLink, BulkJob, BulkJobItem, ReminderSent],
  migrations,
  internalRoutes: (dataSource) => ({
    ...accessRoutes(dataSource),
    ...connectedCustomersRoutes(dataSource),
    ...connectedPartnersRoutes(dataSource),
  }),
  accessDecision: localAccessDecision,
  events: { publishes: SUBSCRIPTIONS },
  onStart: async (dataSource) => {
    const stopScanner = startConsentEndScanner(dataSource);
    // Bulk jobs left open by a stopped process resume here once its claim has run out.
    const bulkRunner = new BulkJobRunner(dataSource, { leaseMs: config().bulkJobLeaseMs }).start();
    registerBulkRunner(dataSource, bulkRunner);
    const stopBulkRetention = startDayRetention(dataSource, BULK_JOB_RETENTION);
    return async () => {
      await stopBulkRetention();
      await bulkRunner.stop();
      await stopScanner();
    };
  },
};

export const listen = (port: number) => startSubgraph(connections, { port });
