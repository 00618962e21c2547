import type { EventHandlers } from "@partnergraph/contracts";
import { AuditEntry } from "./audit-entry.entity";

/** Keeps each recorded change once, under its event's id (the kit's applied-event log guards redelivery). */
export const auditHandlers: EventHandlers<"audit"> = {
  AuditRecorded: async (manager, { id, payload, requestId }) => {
    await manager.insert(AuditEntry, {
      id,
      at: new Date(payload.at),
      action: payload.action,
      summary: payload.summary,
      requestId: requestId ?? null,
      actorId: payload.actorId,
      actorOrganizationId: payload.actorOrganizationId,
      actingOrganizationId: payload.actingOrganizationId,
      viaAdministratorGrant: payload.viaAdministratorGrant,
      targetOrganizationId: payload.targetOrganizationId,
      subjectType: payload.subjectType,
      subjectId: payload.subjectId,
    });
  },
};
