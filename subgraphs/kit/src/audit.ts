import type { EntityManager } from "typeorm";
import type { Caller } from "./caller";
import type { SubgraphName } from "./config";
import { recordEvent } from "./outbox";

/** The audit trail's event: every publisher sends it to the audit subgraph alone. */
export const AUDIT_EVENT = "AuditRecorded";
export const AUDIT_SUBSCRIBERS = ["audit"] as const satisfies readonly SubgraphName[];

/** Who acted: the request's caller, or the person a bulk job works for. */
export type AuditActor = Pick<Caller, "userId" | "homeOrganizationId" | "organizationId" | "role" | "grantId">;

/** What changed, in the words of the service that changed it. */
export interface AuditChange {
  /** One of the contracts' AUDIT_ACTIONS. */
  action: string;
  subjectType: string;
  subjectId: string;
  /** The organization whose account changed (its people see the entry). */
  targetOrganizationId: string | null;
  /** One line in words, e.g. "Ended connection CON-… with partner ORG-…": other organizations by id, names are identity's. */
  summary: string;
}

/** The AuditRecorded event's payload: the change, who made it and when. */
export interface AuditRecorded extends AuditChange {
  actorId: string | null;
  /** The actor's own organization: a partner sees what its people did, also as a customer's administrator. */
  actorOrganizationId: string | null;
  actingOrganizationId: string | null;
  viaAdministratorGrant: boolean;
  /** The administrator grant acted through (absent from entries recorded before grants were named). */
  grantId?: string | null;
  at: string;
}

const SUMMARY_LENGTH = 300;

/**
 * Records an audit entry for a change inside the change's own transaction (the outbox carries it to the audit
 * subgraph): a change that rolls back leaves no entry, a change that commits always has one.
 */
export function recordAudit(manager: EntityManager, actor: AuditActor | null, change: AuditChange, at = new Date()) {
  const payload: AuditRecorded = {
    ...change,
    summary:
      change.summary.length > SUMMARY_LENGTH ? `${change.summary.slice(0, SUMMARY_LENGTH - 1)}…` : change.summary,
    actorId: actor?.userId ?? null,
    actorOrganizationId: actor?.homeOrganizationId ?? null,
    actingOrganizationId: actor?.organizationId ?? null,
    viaAdministratorGrant: actor?.role === "ADMINISTRATOR",
    grantId: actor?.role === "ADMINISTRATOR" ? (actor.grantId ?? null) : null,
    at: at.toISOString(),
  };
  return recordEvent(manager, { [AUDIT_EVENT]: [...AUDIT_SUBSCRIBERS] }, AUDIT_EVENT, { ...payload });
}
