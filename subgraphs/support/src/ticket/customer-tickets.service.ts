import { CONNECTED_CUSTOMERS_ROUTE } from "@partnergraph/contracts";
import { callRoute, ForbiddenError, RequestContext } from "@partnergraph/kit";
import { In, Not } from "typeorm";
import { SupportTicket, TicketStatus } from "./ticket.entity";

const DONE = [TicketStatus.RESOLVED, TicketStatus.CLOSED];

/** Figures support contributes to a partner's scorecard. */
export class CustomerTicketsService {
  constructor(private readonly ctx: RequestContext) {}

  /**
   * Tickets not RESOLVED/CLOSED across the partner's ACTIVE-connected customers that share their tickets. Only the partner
   * itself (acting as itself, not through a grant) and the vendor's administrators may see it.
   * Batched per request: N partners cost one call to connections and one COUNT … GROUP BY.
   */
  async openCount(partnerId: string): Promise<number> {
    const caller = this.ctx.requireCaller();
    const itself = caller.organizationId === partnerId && caller.homeOrganizationId === partnerId;
    if (!itself && !caller.isVendorAdmin)
      throw new ForbiddenError(`You may not see the scorecard of organization ${partnerId}`);
    return this.ctx
      .loader<string, number>("openCustomerTicketCount", (partnerIds) => this.countFor(partnerIds))
      .load(partnerId);
  }

  private async countFor(partnerIds: readonly string[]): Promise<number[]> {
    const { customers } = await callRoute(CONNECTED_CUSTOMERS_ROUTE, { partnerIds: [...partnerIds], area: "TICKETS" });
    const customerIds = [...new Set(partnerIds.flatMap((id) => customers[id] ?? []))];
    const open = new Map<string, number>();
    if (customerIds.length > 0) {
      const rows: { organizationId: string; count: string | number }[] = await this.ctx
        .repository(SupportTicket)
        .createQueryBuilder("t")
        .select("t.organization_id", "organizationId")
        .addSelect("COUNT(*)", "count")
        .where({ organizationId: In(customerIds), status: Not(In(DONE)) })
        .groupBy("t.organization_id")
        .getRawMany();
      for (const row of rows) open.set(row.organizationId, Number(row.count));
    }
    return partnerIds.map((id) =>
      (customers[id] ?? []).reduce((sum, customerId) => sum + (open.get(customerId) ?? 0), 0),
    );
  }
}
