import { DEMO } from "@partnergraph/kit";
import { DataSource } from "typeorm";
import {
  IncidentPack,
  NamedSupportContact,
  PartnerSupportAgreement,
  PartnerSupportCase,
  SupportPin,
} from "../agreement/agreement.entity";
import { PartnerTier } from "../agreement/agreement.tiers";
import { Contact, ContactRole } from "../contact/contact.entity";
import { Notification, NotificationCategory } from "../notification/notification.entity";
import { SupportTicket, TicketStatus } from "../ticket/ticket.entity";

const { organizations: org, users } = DEMO;
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

/** Support's part of ../shared/contract/demo.md: Adatum's cases, notifications and contacts; Northwind's support agreement. */
export async function seedSupportDemo(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const ticket = (
      n: number,
      title: string,
      serviceCode: string,
      severity: number,
      status: TicketStatus,
      days: number,
      language = "en",
    ): Partial<SupportTicket> => ({
      id: `TKT-DEMOADTM0${n}`,
      number: `CS-DEMO000${n}`,
      organizationId: org.adatum,
      title,
      description: `${title}. Reported by Adatum's IT team.`,
      serviceCode,
      severity,
      status,
      language,
      openedByUserId: users.carol.id,
      createdAt: daysAgo(days),
      updatedAt: daysAgo(Math.max(0, days - 1)),
    });
    await manager.save(SupportTicket, [
      ticket(1, "Branch office tunnels drop every night", "SDWAN", 2, TicketStatus.OPEN, 2),
      ticket(2, "Published desktop fails to launch for new hires", "VAD", 3, TicketStatus.OPEN, 5),
      ticket(3, "Anmeldung über SSO schlägt fehl", "SPA", 1, TicketStatus.IN_PROGRESS, 1, "de"),
      ticket(4, "License count shows wrong total", "VAD", 4, TicketStatus.CLOSED, 40),
      ticket(5, "Orchestrator dashboard slow", "SDWAN", 3, TicketStatus.RESOLVED, 20),
    ]);

    const notice = (
      id: string,
      organizationId: string,
      category: NotificationCategory,
      title: string,
      body: string,
      related: string | null,
      days: number,
    ): Partial<Notification> => ({
      id,
      organizationId,
      category,
      title,
      body,
      relatedOrganizationId: related,
      sourceEventId: null,
      createdAt: daysAgo(days),
    });
    await manager.save(Notification, [
      notice(
        "NTF-DEMONW0001",
        org.northwind,
        NotificationCategory.CUSTOMER_CONNECTED,
        "A customer connected",
        "A customer connected to your organization. Its account now shows on your customer dashboard.",
        org.adatum,
        90,
      ),
      notice(
        "NTF-DEMONW0002",
        org.northwind,
        NotificationCategory.CUSTOMER_CONNECTED,
        "A customer connected",
        "A customer connected to your organization. Its account now shows on your customer dashboard.",
        org.litware,
        60,
      ),
      notice(
        "NTF-DEMOCT0001",
        org.contoso,
        NotificationCategory.CUSTOMER_CONNECTED,
        "A customer connected",
        "A customer connected to your organization. Its account now shows on your customer dashboard.",
        org.litware,
        30,
      ),
      notice(
        "NTF-DEMOADTM01",
        org.adatum,
        NotificationCategory.TRIAL_EXPIRING,
        "A trial ends soon",
        "The trial of SD-WAN Orchestrator ends in 5 days.",
        null,
        1,
      ),
      notice(
        "NTF-DEMOADTM02",
        org.adatum,
        NotificationCategory.ENTITLEMENT_EXPIRING,
        "An entitlement expires soon",
        "The entitlement to Virtual Apps and Desktops expires in 30 days.",
        null,
        3,
      ),
      notice(
        "NTF-DEMOADTM03",
        org.adatum,
        NotificationCategory.SUPPORT,
        "A support case was resolved",
        "Case CS-DEMO0005 was resolved.",
        null,
        19,
      ),
    ]);

    await manager.save(Contact, [
      {
        id: "CNT-DEMOADTM01",
        organizationId: org.adatum,
        userId: users.carol.id,
        role: ContactRole.TECHNICAL,
        namedByUserId: users.carol.id,
        createdAt: daysAgo(100),
      },
      {
        id: "CNT-DEMOADTM02",
        organizationId: org.adatum,
        userId: users.carol.id,
        role: ContactRole.CONTRACT_ADMINISTRATION,
        namedByUserId: users.carol.id,
        createdAt: daysAgo(100),
      },
      // Adatum names Northwind's Alice as a technical contact acting on its behalf; nobody is named for renewal.
      {
        id: "CNT-DEMOADTM03",
        organizationId: org.adatum,
        userId: users.alice.id,
        role: ContactRole.TECHNICAL,
        namedByUserId: users.carol.id,
        createdAt: daysAgo(80),
      },
    ]);

    const start = daysAgo(120);
    const end = new Date(start);
    end.setUTCFullYear(end.getUTCFullYear() + 1);
    await manager.save(PartnerSupportAgreement, {
      id: "PSA-DEMONW0001",
      partnerId: org.northwind,
      tier: PartnerTier.GOLD,
      periodStart: start,
      periodEnd: end,
      baseIncidents: 10,
      annualFee: 350_000,
      currency: "USD",
      createdByUserId: users.ops.id,
      createdAt: start,
    });
    await manager.save(SupportPin, {
      pin: "40000001",
      userId: users.alice.id,
      partnerId: org.northwind,
      createdAt: start,
    });
    await manager.save(NamedSupportContact, {
      id: "NSC-DEMONW0001",
      agreementId: "PSA-DEMONW0001",
      userId: users.alice.id,
      pin: "40000001",
      certifiedProducts: ["SDWAN", "VAD"],
      createdAt: start,
    });
    await manager.save(IncidentPack, {
      id: "PCK-DEMONW0001",
      agreementId: "PSA-DEMONW0001",
      incidents: 5,
      purchasedByUserId: users.alice.id,
      purchasedAt: daysAgo(30),
    });
    const supportCase = (
      n: number,
      title: string,
      serviceCode: string,
      productBug: boolean,
      days: number,
    ): Partial<PartnerSupportCase> => ({
      id: `PSC-DEMONW000${n}`,
      agreementId: "PSA-DEMONW0001",
      pin: "40000001",
      userId: users.alice.id,
      serviceCode,
      title,
      productBug,
      creditedAt: null,
      openedAt: daysAgo(days),
    });
    await manager.save(PartnerSupportCase, [
      supportCase(1, "Orchestrator API returns 500 on bulk site import", "SDWAN", true, 70),
      supportCase(2, "Session pre-launch settings ignored", "VAD", false, 40),
      supportCase(3, "Edge appliance firmware upgrade path", "SDWAN", false, 10),
    ]);
  });
}
