import { startDayRetention, startSubgraph, SubgraphDefinition } from "@partnergraph/kit";
import {
  IncidentPack,
  NamedSupportContact,
  PartnerSupportAgreement,
  PartnerSupportCase,
  SupportPin,
} from "./agreement/agreement.entity";
import { AgreementResolver } from "./agreement/agreement.resolver";
import { Contact } from "./contact/contact.entity";
import { ContactResolver } from "./contact/contact.resolver";
import { EVENT_SUBSCRIPTIONS } from "./events";
import { migrations } from "./migrations";
import { Notification, NotificationDismissal } from "./notification/notification.entity";
import { notificationHandlers } from "./notification/notification.events";
import { NOTIFICATION_RETENTION } from "./notification/notification-retention";
import { NotificationResolver } from "./notification/notification.resolver";
import { SupportOfferingResolver } from "./offering/offering.resolver";
import { OrganizationSupportResolver } from "./organization/organization.resolver";
import { Organization, Service, User } from "./shared/stubs";
import { SupportTicket } from "./ticket/ticket.entity";
import { ticketReference } from "./ticket/ticket.reference";
import { TicketResolver } from "./ticket/ticket.resolver";

export { seedSupportDemo } from "./demo/seed";
export { NOTIFICATION_RETENTION } from "./notification/notification-retention";

export const support: SubgraphDefinition = {
  name: "support",
  resolvers: [
    SupportOfferingResolver,
    TicketResolver,
    NotificationResolver,
    ContactResolver,
    AgreementResolver,
    OrganizationSupportResolver,
  ],
  orphanedTypes: [Organization, User, Service],
  references: { ...ticketReference },
  entities: [
    SupportTicket,
    Notification,
    NotificationDismissal,
    Contact,
    PartnerSupportAgreement,
    IncidentPack,
    SupportPin,
    NamedSupportContact,
    PartnerSupportCase,
  ],
  migrations,
  events: { handlers: notificationHandlers, publishes: EVENT_SUBSCRIPTIONS },
  onStart: async (dataSource) => startDayRetention(dataSource, NOTIFICATION_RETENTION),
};

export const listen = (port: number) => startSubgraph(support, { port });
