import type { EventHandlers } from "@partnergraph/contracts";
import { newId } from "@partnergraph/kit";
import { IsNull } from "typeorm";
import { AdministratorAccess, AdministratorGrant, GrantStatus } from "../administrator/grant.entity";
import { Organization } from "../organization/organization.entity";
import { MemberRole, User } from "../user/user.entity";
import { MemberInvitation } from "./member-invitation.entity";

/**
 * A partner registered a customer: the organization (with the id connections chose), its first
 * administrator's invitation, and the partner's user as FULL administrator, as if the customer had
 * granted it. Idempotent: the kit skips an event id already applied, and an organization that exists
 * already is left alone.
 */
const applyCustomerAddedByPartner: EventHandlers<"identity">["CustomerAddedByPartner"] = async (manager, event) => {
  const added = event.payload;
  if (await manager.exists(Organization, { where: { id: added.customerId } })) return;
  const now = new Date();
  await manager.insert(Organization, {
    id: added.customerId,
    name: added.name,
    country: added.country,
    isVendor: false,
    createdAt: now,
  });

  const email = added.adminEmail.trim().toLowerCase();
  const invitation: MemberInvitation = {
    id: newId("MIN"),
    organizationId: added.customerId,
    email,
    displayName: added.adminName,
    role: MemberRole.ADMIN,
    invitedByUserId: added.partnerUserId,
    createdAt: now,
    acceptedAt: null,
    acceptedByUserId: null,
  };
  // Someone who has signed in before but belongs to no organization joins at once.
  const waiting = await manager.findOne(User, { where: { email, organizationId: IsNull() } });
  if (waiting) {
    await manager.update(
      User,
      { id: waiting.id },
      { organizationId: added.customerId, role: MemberRole.ADMIN, displayName: added.adminName },
    );
    Object.assign(invitation, { acceptedAt: now, acceptedByUserId: waiting.id });
  }
  await manager.insert(MemberInvitation, invitation);

  await manager.insert(AdministratorGrant, {
    id: newId("AGR"),
    organizationId: added.customerId,
    email: added.partnerUserEmail.trim().toLowerCase(),
    access: AdministratorAccess.FULL,
    serviceCodes: [],
    status: GrantStatus.ACCEPTED,
    invitedByUserId: added.partnerUserId,
    granteeUserId: added.partnerUserId,
    invitedAt: now,
    respondedAt: now,
  });
};

/** The events identity applies: one handler per type the contract subscribes it to. */
export const identityEventHandlers: EventHandlers<"identity"> = {
  CustomerAddedByPartner: applyCustomerAddedByPartner,
};
