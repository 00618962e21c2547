import * as ops from "@partnergraph/operations";
import type { Stack } from "@partnergraph/scripts";
import type { Actor, Client } from "./client";

export type SeenEntry = {
  action: string;
  subjectId: string;
  summary: string;
  actor: { email: string } | null;
  viaAdministratorGrant: boolean;
};

/** The audit trail as the gateway shows it to one actor, after every outbox has delivered. */
export class AuditTrail {
  constructor(
    private readonly stack: Stack,
    private readonly client: Client,
  ) {}

  /** Delivers every subgraph's pending events (AuditRecorded among them) now, instead of waiting for the relays. */
  async drain(): Promise<void> {
    for (const subgraph of Object.values(this.stack.subgraphs)) await subgraph.relay?.drain();
  }

  /**
   * The entries `actor` sees, newest first. An organization or person the actor may no longer see (a partner
   * after the connection ended) is null with FORBIDDEN, as identity decides; the entry itself stands.
   */
  async entries(actor: Actor, filter: Record<string, unknown> = {}): Promise<SeenEntry[]> {
    const response = await this.client.send(actor, ops.AuditLogDocument, { first: 100, filter });
    const refused = (response.errors ?? []).filter((error) => error.extensions?.code !== "FORBIDDEN");
    expect({ refused, answered: !!response.data }).toEqual({ refused: [], answered: true });
    return response.data!.auditLog.edges.map((e) => e.node);
  }

  /** "action subjectId" of the entries `actor` sees about these subjects, newest first. */
  async seen(actor: Actor, subjects: string[], filter: Record<string, unknown> = {}): Promise<string[]> {
    return (await this.entries(actor, filter))
      .filter((entry) => subjects.includes(entry.subjectId))
      .map((entry) => `${entry.action} ${entry.subjectId}`);
  }
}
