import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  forUpdate,
  inTransaction,
  NotFoundError,
  recordAudit,
  RequestContext,
} from "@partnergraph/kit";
import { AUDIT_ACTIONS } from "@partnergraph/contracts";
import { Connection, ConnectionStatus } from "../connection/connection.entity";
import { publish } from "../connection/events";
import { ConsentInput } from "./consent.inputs";
import { normalizeAreas } from "./consent.type";

export class ConsentService {
  constructor(private readonly ctx: RequestContext) {}

  /**
   * The customer's own administrators choose what a connected partner sees. Not an administrator acting through a
   * grant: that person may be the partner's, and a partner does not widen what it is shown.
   */
  async set(connectionId: string, input: ConsentInput): Promise<Connection> {
    const customerId = this.ctx.requireOrganization();
    const caller = this.ctx.caller!;
    if (caller.role !== "ADMIN" || caller.homeOrganizationId !== customerId)
      throw new ForbiddenError("Only the customer's own administrators choose what its partners see");
    const now = new Date();
    const until = input.until ?? null;
    if (until && until.getTime() <= now.getTime())
      throw new BadUserInputError("until", "until must be in the future (or null for no end)");
    const areas = normalizeAreas(input.areas);
    const changed = await inTransaction(this.ctx.dataSource, async (manager) => {
      const connection = await manager.findOne(Connection, { where: { id: connectionId }, lock: forUpdate(manager) });
      if (connection?.partnerId === customerId)
        throw new ForbiddenError("The customer chooses what it shares with its partners, not the partner");
      if (!connection || connection.customerId !== customerId) throw new NotFoundError("Connection", connectionId);
      if (connection.status !== ConnectionStatus.ACTIVE)
        throw new ConflictError(`Connection ${connectionId} has ended: there is nothing to share`);
      const changes = { consentAreas: areas, consentUntil: until, consentEndAnnouncedAt: null };
      await manager.update(Connection, { id: connectionId }, changes);
      await publish(
        manager,
        "ConsentChanged",
        {
          connectionId,
          partnerId: connection.partnerId,
          customerId,
          areas,
          until: until?.toISOString() ?? null,
          changedByUserId: caller.userId,
          changedAt: now.toISOString(),
        },
        `connection:${connection.partnerId}:${customerId}`,
      );
      await recordAudit(manager, caller, {
        action: AUDIT_ACTIONS.setPartnerConsent,
        subjectType: "Connection",
        subjectId: connectionId,
        targetOrganizationId: customerId,
        summary:
          `Shared ${areas.length ? areas.map((area) => area.toLowerCase()).join(", ") : "nothing"} with partner ` +
          `${connection.partnerId}${until ? ` until ${until.toISOString()}` : ""}`,
      });
      return Object.assign(connection, changes);
    });
    return changed;
  }
}
