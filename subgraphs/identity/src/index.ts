import { ReminderSent, startSubgraph, SubgraphDefinition } from "@partnergraph/kit";
import { GrantResolver } from "./administrator/grant.resolver";
import { AdministratorGrant } from "./administrator/grant.entity";
import { callerRoutes } from "./caller/caller.routes";
import { Certification } from "./certification/certification.entity";
import { CertificationResolver } from "./certification/certification.resolver";
import { migrations } from "./migrations";
import { identityEventHandlers } from "./onboarding/customer-added.handler";
import { MemberInvitation } from "./onboarding/member-invitation.entity";
import { onboardingRoutes } from "./onboarding/onboarding.routes";
import { Organization } from "./organization/organization.entity";
import { organizationReference } from "./organization/organization.reference";
import { OrganizationResolver } from "./organization/organization.resolver";
import { ProgramMembership } from "./program/membership.entity";
import { MembershipResolver } from "./program/membership.resolver";
import { partnerStandingRoutes } from "./program/partner-standing.routes";
import { User } from "./user/user.entity";
import { userReference } from "./user/user.reference";
import { MeResolver, UserResolver } from "./user/user.resolver";
import { EVENT_SUBSCRIPTIONS } from "./events";
import { startGrantEndScanner } from "./reminder/grant-end.scanner";
import { ReminderSettings } from "./reminder/reminder-settings.entity";
import { ReminderSettingsResolver } from "./reminder/reminder-settings.resolver";
import { reminderSettingsRoutes } from "./reminder/reminder-settings.routes";
import { ensureVendorOrganization } from "./vendor";

export { seedIdentityDemo } from "./demo/seed";
export { announceGrantEnds } from "./reminder/grant-end.scanner";

export const identity: SubgraphDefinition = {
  name: "identity",
  resolvers: [
    OrganizationResolver,
    MembershipResolver,
    MeResolver,
    UserResolver,
    CertificationResolver,
    GrantResolver,
    ReminderSettingsResolver,
  ],
  // Nothing here returns a User yet, but other subgraphs point at people (contacts, PINs).
  orphanedTypes: [User],
  references: { ...organizationReference, ...userReference },
  entities: [
    Organization,
    ProgramMembership,
    User,
    Certification,
    AdministratorGrant,
    MemberInvitation,
    ReminderSettings,
    ReminderSent,
  ],
  migrations,
  internalRoutes: (dataSource) => ({
    ...callerRoutes(dataSource),
    ...onboardingRoutes(dataSource),
    ...partnerStandingRoutes(dataSource),
    ...reminderSettingsRoutes(dataSource),
  }),
  events: { handlers: identityEventHandlers, publishes: EVENT_SUBSCRIPTIONS },
  onStart: async (dataSource) => {
    await ensureVendorOrganization(dataSource);
    return startGrantEndScanner(dataSource);
  },
};

export const listen = (port: number) => startSubgraph(identity, { port });
