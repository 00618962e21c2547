import { DATA_AREAS, DEMO } from "@partnergraph/kit";
import { DataSource } from "typeorm";
import { activeKeyOf, Connection, ConnectionOrigin, ConnectionStatus } from "../connection/connection.entity";
import { InvitationLink } from "../invitation/invitation-link.entity";

const { organizations: org } = DEMO;
/** Northwind's invitation link in the demo: <portal>/connect/northwind-demo-invitation. */
export const DEMO_INVITATION_TOKEN = "northwind-demo-invitation";
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

const active = (
  id: string,
  partnerId: string,
  customerId: string,
  customerName: string,
  origin: ConnectionOrigin,
  connectedAt: Date,
) => ({
  id,
  partnerId,
  customerId,
  customerName,
  origin,
  connectedAt,
  activeKey: activeKeyOf(partnerId, customerId),
  status: ConnectionStatus.ACTIVE,
  terminatedAt: null,
  terminatedBy: null,
  terminatedByUserId: null,
  consentAreas: [...DATA_AREAS],
  consentUntil: null,
  consentEndAnnouncedAt: null,
});

/** The connections part of ../shared/contract/demo.md: Northwind ↔ Adatum and Litware, Contoso ↔ Litware. */
export async function seedConnectionsDemo(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.save(InvitationLink, {
      partnerId: org.northwind,
      token: DEMO_INVITATION_TOKEN,
      createdAt: daysAgo(400),
    });
    await manager.save(Connection, [
      active(
        "CON-DEMONWADTM",
        org.northwind,
        org.adatum,
        "Adatum Corporation",
        ConnectionOrigin.ADDED_BY_PARTNER,
        daysAgo(300),
      ),
      active("CON-DEMONWLTWR", org.northwind, org.litware, "Litware Inc.", ConnectionOrigin.INVITATION, daysAgo(200)),
      active("CON-DEMOCTLTWR", org.contoso, org.litware, "Litware Inc.", ConnectionOrigin.INVITATION, daysAgo(100)),
    ]);
  });
}
