import {
  alignByKey,
  BadUserInputError,
  ConflictError,
  DATA_AREAS,
  ForbiddenError,
  forUpdate,
  isUniqueViolation,
  inTransaction,
  newId,
  NotFoundError,
  recordAudit,
  RequestContext,
} from "@partnergraph/kit";
import { AUDIT_ACTIONS, type EventPayloads } from "@partnergraph/contracts";
import { EntityManager, In } from "typeorm";
import { organizationNames } from "../identity.client";
import { InvitationService } from "../invitation/invitation.service";
import { activeKeyOf, Connection, ConnectionOrigin, ConnectionSide, ConnectionStatus } from "./connection.entity";
import { publish } from "./events";

/** MySQL's deadlock (1213): a loser of a race on the unique key may get it instead of a duplicate-key error. */
function isDeadlock(error: unknown): boolean {
  const e = error as { errno?: number; driverError?: { errno?: number } } | null;
  return (e?.errno ?? e?.driverError?.errno) === 1213;
}

export class ConnectionService {
  constructor(private readonly ctx: RequestContext) {}

  /** Batched by id; null when there is none. */
  load(id: string): Promise<Connection | null> {
    return this.ctx
      .loader<string, Connection | null>("connection-by-id", async (ids) =>
        alignByKey(ids, await this.ctx.repository(Connection).find({ where: { id: In([...ids]) } }), (c) => c.id),
      )
      .load(id);
  }

  /** A connection as its two sides (and the vendor) see it; anyone else is refused. */
  async viewable(id: string): Promise<Connection | null> {
    const caller = this.ctx.requireCaller();
    const connection = await this.load(id);
    if (!connection) return null;
    const acting = caller.organizationId;
    if (caller.isVendorAdmin || (acting && (acting === connection.partnerId || acting === connection.customerId)))
      return connection;
    throw new ForbiddenError(`You may not see connection ${id}`);
  }

  activeBetween(partnerId: string, customerId: string): Promise<Connection | null> {
    return this.ctx.repository(Connection).findOne({ where: { activeKey: activeKeyOf(partnerId, customerId) } });
  }

  /** The customer's administrator accepts a partner's link; again, or concurrently, it is the same ACTIVE connection. */
  async accept(token: string): Promise<Connection> {
    const customerId = this.ctx.requireAccountAdministrator(
      "Only an administrator of the account may accept a partner's invitation",
    );
    const link = await this.ctx.use(InvitationService).resolve(token);
    if (link.partnerId === customerId)
      throw new BadUserInputError(
        "token",
        "This is your own organization's invitation link: a partner cannot connect to itself",
      );
    const existing = await this.activeBetween(link.partnerId, customerId);
    if (existing) return existing;

    const names = await organizationNames([link.partnerId, customerId]);
    if (!names.get(link.partnerId)?.isPartner) {
      throw new ForbiddenError(
        "This partner no longer holds an active partner-program badge, so its invitation link cannot be used",
      );
    }
    const customer = names.get(customerId);
    if (!customer) throw new NotFoundError("Organization", customerId);
    try {
      const connection = await inTransaction(this.ctx.dataSource, async (manager) => {
        const made = await this.insert(manager, {
          partnerId: link.partnerId,
          customerId,
          customerName: customer.name,
          origin: ConnectionOrigin.INVITATION,
        });
        await recordAudit(manager, this.ctx.caller, {
          action: AUDIT_ACTIONS.acceptPartnerInvitation,
          subjectType: "Connection",
          subjectId: made.id,
          targetOrganizationId: customerId,
          // A badged partner's name is its public profile; the connection id tells this acceptance from any other.
          summary: `Accepted the invitation of partner ${names.get(link.partnerId)!.name} (${link.partnerId}): connection ${made.id}`,
        });
        return made;
      });
      return connection;
    } catch (error) {
      // The unique active key decided: someone else connected this pair first; theirs is the answer.
      if (!isUniqueViolation(error) && !isDeadlock(error)) throw error;
      const winner = await this.activeBetween(link.partnerId, customerId);
      if (!winner) throw error;
      return winner;
    }
  }

  /** Writes an ACTIVE connection and its ConnectionMade event, inside the caller's transaction. */
  async insert(
    manager: EntityManager,
    fields: Pick<Connection, "partnerId" | "customerId" | "customerName" | "origin">,
  ): Promise<Connection> {
    const connection = manager.create(Connection, {
      id: newId("CON"),
      ...fields,
      activeKey: activeKeyOf(fields.partnerId, fields.customerId),
      status: ConnectionStatus.ACTIVE,
      connectedAt: new Date(),
      terminatedAt: null,
      terminatedBy: null,
      terminatedByUserId: null,
      consentAreas: [...DATA_AREAS],
      consentUntil: null,
      consentEndAnnouncedAt: null,
    });
    await manager.insert(Connection, connection);
    await recordConnectionEvent(manager, "ConnectionMade", {
      connectionId: connection.id,
      partnerId: connection.partnerId,
      customerId: connection.customerId,
      origin: connection.origin,
      connectedAt: connection.connectedAt.toISOString(),
    });
    return connection;
  }

  /** Either side ends a connection; who and when are kept, and the next request of the partner sees nothing. */
  async terminate(id: string): Promise<Connection> {
    const ended = await inTransaction(this.ctx.dataSource, (manager) => this.terminateIn(manager, id));
    return ended;
  }

  /** Ends the connection in the caller's transaction (a bulk job's item commits its own result with it). */
  async terminateIn(manager: EntityManager, id: string): Promise<Connection> {
    const acting = this.ctx.requireAccountAdministrator("Only an administrator of the account may end a connection");
    const caller = this.ctx.caller!;
    const connection = await manager.findOne(Connection, { where: { id }, lock: forUpdate(manager) });
    if (!connection || (connection.partnerId !== acting && connection.customerId !== acting))
      throw new NotFoundError("Connection", id);
    if (connection.status !== ConnectionStatus.ACTIVE) throw new ConflictError(`Connection ${id} has already ended`);
    const terminatedAt = new Date();
    const terminatedBy = connection.partnerId === acting ? ConnectionSide.PARTNER : ConnectionSide.CUSTOMER;
    const changes = {
      status: ConnectionStatus.TERMINATED,
      activeKey: null,
      terminatedAt,
      terminatedBy,
      terminatedByUserId: caller.userId,
    };
    const result = await manager.update(Connection, { id, status: ConnectionStatus.ACTIVE }, changes);
    if (result.affected === 0) throw new ConflictError(`Connection ${id} has already ended`);
    await recordConnectionEvent(manager, "ConnectionEnded", {
      connectionId: id,
      partnerId: connection.partnerId,
      customerId: connection.customerId,
      terminatedBy,
      terminatedByUserId: caller.userId,
      terminatedAt: terminatedAt.toISOString(),
    });
    await recordAudit(manager, caller, {
      action: AUDIT_ACTIONS.terminateConnection,
      subjectType: "Connection",
      subjectId: id,
      targetOrganizationId: connection.customerId,
      // The other side by id only: its name is identity's, shown to whoever may still see it (a partner whose badge
      // was revoked reads its own entries, but may no longer see the customer).
      summary:
        terminatedBy === ConnectionSide.PARTNER
          ? `Ended connection ${id} with customer ${connection.customerId}`
          : `Ended connection ${id} with partner ${connection.partnerId}`,
    });
    return Object.assign(connection, changes);
  }

  /** The acting organization's partners (its connections as the customer side), newest first. */
  myPartners(status: ConnectionStatus | null): Promise<Connection[]> {
    const customerId = this.ctx.requireOrganization();
    return this.ctx.repository(Connection).find({
      where: { customerId, ...(status ? { status } : {}) },
      order: { connectedAt: "DESC", id: "ASC" },
      take: 500,
    });
  }
}

/**
 * A partner–customer pair's events reach consumers in the order they happened: made before ended, and a
 * reconnection after the end before it.
 */
function recordConnectionEvent<Type extends "ConnectionMade" | "ConnectionEnded">(
  manager: EntityManager,
  type: Type,
  payload: EventPayloads[Type],
) {
  return publish(manager, type, payload, `connection:${payload.partnerId}:${payload.customerId}`);
}
