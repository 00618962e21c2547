import type { Stack } from "@partnergraph/scripts";

/**
 * What an actor's own people did, as the audit trail recorded it (in the actor's name, or as another
 * organization's administrator): by design a partner reads those entries, and they may name a victim it once
 * administered ("Accepted the invitation to administer ORG-…", the grant's id) or repeat a victim's words (an
 * actor naming the same person RENEWAL contact writes the same summary). Read straight from the audit database,
 * never through the API under test.
 */
export async function ownDoing(stack: Stack, organizationId: string): Promise<Set<string>> {
  const rows: Record<string, unknown>[] = await stack.subgraphs.audit.dataSource.query(
    "SELECT summary, request_id, subject_id, grant_id, target_organization_id FROM audit_entry " +
      "WHERE actor_organization_id = ? OR acting_organization_id = ?",
    [organizationId, organizationId],
  );
  return new Set(rows.flatMap((row) => Object.values(row).filter((v): v is string => typeof v === "string")));
}
