import type { EventHandlers } from "@partnergraph/contracts";
import { AuditEntry } from "./audit-entry.entity";

/**
 * Keeps each recorded change once, under its event's id: the kit's applied-event log turns a redelivery away, and
 * once that log is pruned (EVENT_RETENTION_SECONDS) the entry's own key still does (the insert is ignored).
 */
export const auditHandlers: EventHandlers<"audit"> = {
  AuditRecorded: async (manager, { id, payload, requestId }) => {
    await manager
      .createQueryBuilder()
      .insert()
      .into(AuditEntry)
      .orIgnore()
      .values({
        id,
        at: new Date(payload.at),
        action: payload.action,
        summary: payload.summary,
        requestId: requestId ?? null,
        actorId: payload.actorId,
        actorOrganizationId: payload.actorOrganizationId,
        actingOrganizationId: payload.actingOrganizationId,
        viaAdministratorGrant: payload.viaAdministratorGrant,
        grantId: payload.grantId ?? null,
        targetOrganizationId: payload.targetOrganizationId,
        subjectType: payload.subjectType,
        subjectId: payload.subjectId,
      })
      .execute();
  },
};
