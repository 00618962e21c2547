import { Page, RequestContext } from "@partnergraph/kit";
import { Args, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { Contact } from "../contact/contact.entity";
import { ContactService } from "../contact/contact.service";
import { Notification } from "../notification/notification.entity";
import { NotificationPageArgs } from "../notification/notification.inputs";
import { NotificationConnection } from "../notification/notification.resolver";
import { NotificationService } from "../notification/notification.service";
import { Organization } from "../shared/stubs";
import { CustomerTicketsService } from "../ticket/customer-tickets.service";
import { SupportTicket } from "../ticket/ticket.entity";
import { TicketPageArgs } from "../ticket/ticket.inputs";
import { SupportTicketConnection } from "../ticket/ticket.resolver";
import { TicketService } from "../ticket/ticket.service";

/** What support adds to an organization; each field checks the caller (`_entities` accepts any id). */
// Fields this subgraph adds to identity's Organization are nullable: when this subgraph fails or runs out of time,
// the gateway nulls only them (with an error naming the service), not the organization around them.
@Resolver(() => Organization)
export class OrganizationSupportResolver {
  @FieldResolver(() => SupportTicketConnection, {
    nullable: true,
    description: "The organization's support cases, newest first; filter by status and severity",
  })
  tickets(
    @Root() organization: Organization,
    @Args() args: TicketPageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<SupportTicket>> {
    return ctx.use(TicketService).ofOrganization(organization.id, args);
  }

  @FieldResolver(() => NotificationConnection, {
    nullable: true,
    description: "The organization's notifications, newest first, without those the acting organization dismissed",
  })
  notifications(
    @Root() organization: Organization,
    @Args() args: NotificationPageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<Notification>> {
    return ctx.use(NotificationService).ofOrganization(organization.id, args);
  }

  @FieldResolver(() => [Contact], {
    nullable: true,
    description:
      "Named technical, renewal and contract-administration contacts (and the assigned renewal contact when none is named)",
  })
  contacts(@Root() organization: Organization, @Ctx() ctx: RequestContext): Promise<Contact[]> {
    return ctx.use(ContactService).ofOrganization(organization.id);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      "Support cases not RESOLVED or CLOSED across the partner's ACTIVE-connected customers that share their tickets; the partner itself and the vendor's administrators only",
  })
  openCustomerTicketCount(@Root() organization: Organization, @Ctx() ctx: RequestContext): Promise<number> {
    return ctx.use(CustomerTicketsService).openCount(organization.id);
  }
}
