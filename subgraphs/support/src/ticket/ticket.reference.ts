import { RequestContext } from "@partnergraph/kit";
import { SupportTicket } from "./ticket.entity";
import { TicketService } from "./ticket.service";

/** `_entities` accepts any representation: the same visibility rule as the root query. */
export const ticketReference = {
  SupportTicket: {
    __resolveReference(reference: Pick<SupportTicket, "id">, ctx: RequestContext): Promise<SupportTicket> {
      return ctx.use(TicketService).viewable(reference.id);
    },
  },
};
