import type { CustomerAddedByPartner } from "@partnergraph/contracts";
import { AUDIT_ACTIONS } from "@partnergraph/contracts";
import {
  BadUserInputError,
  ForbiddenError,
  newId,
  OutboxEvent,
  recordAudit,
  relayOf,
  RequestContext,
} from "@partnergraph/kit";
import type { EntityManager } from "typeorm";
import { AddCustomerInput } from "./connection.inputs";
import { Connection, ConnectionOrigin } from "./connection.entity";
import { ConnectionService } from "./connection.service";
import { publish } from "./events";

/**
 * A partner registers a customer with no account yet. One transaction writes the connection, its
 * ConnectionMade event and the CustomerAddedByPartner event identity applies (organization, its first
 * administrator's invitation, the partner's FULL administrator grant): all of it or none of it.
 */
export class AddCustomerService {
  constructor(private readonly ctx: RequestContext) {}

  async add(input: AddCustomerInput): Promise<Connection> {
    const { connection, event } = await this.ctx.dataSource.transaction((manager) => this.addIn(manager, input));
    await this.deliverNow(event.id);
    return connection;
  }

  /** Checks and writes in the caller's transaction (a bulk job's item commits its own result with it). */
  async addIn(
    manager: EntityManager,
    input: AddCustomerInput,
  ): Promise<{ connection: Connection; event: OutboxEvent }> {
    const partnerId = this.ctx.requireOrganization();
    const caller = this.ctx.caller!;
    if (!caller.isPartner)
      throw new ForbiddenError(
        "Only an organization with an active partner-program badge adds customers; yours holds none",
      );
    if (caller.role === "ADMINISTRATOR")
      throw new ForbiddenError("Add customers as your own organization, not while acting for a customer");
    const adminEmail = input.adminEmail.trim().toLowerCase();
    if (adminEmail === caller.email)
      throw new BadUserInputError("adminEmail", "The customer's administrator is someone of the customer, not you");

    const payload: CustomerAddedByPartner = {
      customerId: newId("ORG"),
      name: input.name.trim(),
      country: input.country.toUpperCase(),
      adminEmail,
      adminName: input.adminName.trim(),
      partnerId,
      partnerUserId: caller.userId,
      partnerUserEmail: caller.email,
    };
    const event = await publish(manager, "CustomerAddedByPartner", payload);
    const connection = await this.ctx.use(ConnectionService).insert(manager, {
      partnerId,
      customerId: payload.customerId,
      customerName: payload.name,
      origin: ConnectionOrigin.ADDED_BY_PARTNER,
    });
    await recordAudit(manager, caller, {
      action: AUDIT_ACTIONS.addCustomer,
      subjectType: "Organization",
      subjectId: payload.customerId,
      targetOrganizationId: payload.customerId,
      summary: `Added customer ${payload.name} (${payload.country}) with administrator ${adminEmail}`,
    });
    return { connection, event };
  }

  /**
   * Identity should hold the organization before the answer reads it: run relay passes until the event
   * is delivered (a pass already under way may have started before the commit). If identity is down,
   * the relay keeps retrying; the connection stands either way.
   */
  private async deliverNow(eventId: string): Promise<void> {
    const relay = relayOf(this.ctx.dataSource);
    if (!relay) return;
    for (let attempt = 0; attempt < 3; attempt++) {
      await relay.kick();
      const event = await this.ctx.repository(OutboxEvent).findOne({ where: { id: eventId } });
      if (!event || event.deliveredAt) return;
    }
  }
}
