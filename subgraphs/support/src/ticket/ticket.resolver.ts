import { ConnectionType, RequestContext } from "@partnergraph/kit";
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { Organization, organizationRef, Service, serviceRef, User, userRef } from "../shared/stubs";
import { SupportTicket, TicketStatus } from "./ticket.entity";
import { OpenTicketInput } from "./ticket.inputs";
import { TicketService } from "./ticket.service";

export const SupportTicketConnection = ConnectionType("SupportTicket", SupportTicket);

@Resolver(() => SupportTicket)
export class TicketResolver {
  @Query(() => SupportTicket, { description: "One support case of a customer the caller may see" })
  supportTicket(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<SupportTicket> {
    return ctx.use(TicketService).viewable(id);
  }

  @Mutation(() => SupportTicket, {
    description:
      "Open a support case for the acting organization (or a customer that named the caller its technical contact)",
  })
  openTicket(@Arg("input") input: OpenTicketInput, @Ctx() ctx: RequestContext): Promise<SupportTicket> {
    return ctx.use(TicketService).open(input);
  }

  @Mutation(() => SupportTicket, {
    description: "Move a case on: the vendor's support sets any status; the customer may resolve or close it",
  })
  setTicketStatus(
    @Arg("id", () => ID) id: string,
    @Arg("status", () => TicketStatus) status: TicketStatus,
    @Ctx() ctx: RequestContext,
  ): Promise<SupportTicket> {
    return ctx.use(TicketService).setStatus(id, status);
  }

  @FieldResolver(() => Service, { nullable: true })
  service(@Root() ticket: SupportTicket): Service | null {
    return serviceRef(ticket.serviceCode);
  }

  @FieldResolver(() => User, { description: "Who opened the case" })
  openedBy(@Root() ticket: SupportTicket): User {
    return userRef(ticket.openedByUserId)!;
  }

  @FieldResolver(() => Organization, { description: "The customer the case belongs to" })
  organization(@Root() ticket: SupportTicket): Organization {
    return organizationRef(ticket.organizationId)!;
  }
}
