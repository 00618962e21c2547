import { startDayRetention, startSubgraph, SubgraphDefinition } from "@partnergraph/kit";
import { AuditEntry } from "./entry/audit-entry.entity";
import { AuditEntryResolver } from "./entry/audit-entry.resolver";
import { AUDIT_RETENTION } from "./entry/audit-retention";
import { auditHandlers } from "./entry/audit.handlers";
import { migrations } from "./migrations";
import { Organization, User } from "./shared/stubs";

/** The audit trail: every subgraph's changes, fed by their outboxes' AuditRecorded events. */
export const audit: SubgraphDefinition = {
  name: "audit",
  resolvers: [AuditEntryResolver],
  orphanedTypes: [Organization, User],
  entities: [AuditEntry],
  migrations,
  events: { handlers: auditHandlers },
  onStart: async (dataSource) => startDayRetention(dataSource, AUDIT_RETENTION),
};

export { AUDIT_RETENTION } from "./entry/audit-retention";

export const listen = (port: number) => startSubgraph(audit, { port });
