import { ReminderSent, startSubgraph, SubgraphDefinition } from "@partnergraph/kit";
import { Entitlement } from "./entitlement/entitlement.entity";
import { EntitlementResolver } from "./entitlement/entitlement.resolver";
import { EVENT_SUBSCRIPTIONS } from "./events";
import { startExpiryScanner } from "./expiry/expiry.scanner";
import { migrations } from "./migrations";
import { OrderLine } from "./order/order-line.entity";
import { Order } from "./order/order.entity";
import { OrderLineResolver, OrderResolver } from "./order/order.resolver";
import { organizationReference } from "./organization/organization.reference";
import { OrganizationEntitlementsResolver } from "./organization/organization.resolver";
import { Organization } from "./organization/organization.type";
import { PriceChange } from "./price/price-change.entity";
import { PriceChangeResolver } from "./price/price-change.resolver";
import { ProvisioningResolver } from "./provisioning/provisioning.resolver";
import { ResellRegistration } from "./provisioning/resell.entity";
import { ResellResolver } from "./provisioning/resell.resolver";
import { GoalMilestone, GoalReward, JointGoal } from "./goal/goal.entity";
import { JointGoalResolver, OrganizationGoalsResolver } from "./goal/goal.resolver";
import { Opportunity } from "./pipeline/opportunity.entity";
import { OpportunityResolver, OrganizationPipelineResolver, PipelineResolver } from "./pipeline/opportunity.resolver";
import { OrganizationSalesResolver, PartnerSalesResolver } from "./sales/sales.resolver";
import { ensureCatalog } from "./service/catalog";
import { Service } from "./service/service.entity";
import { serviceReference } from "./service/service.reference";
import { ServiceResolver } from "./service/service.resolver";
import { bulkAddServiceRoutes } from "./trial/bulk-add-service.routes";
import { Trial } from "./trial/trial.entity";
import { TrialResolver } from "./trial/trial.resolver";

export { seedEntitlementsDemo } from "./demo/seed";
export { CATALOG } from "./service/catalog";
export { announceExpiries } from "./expiry/expiry.scanner";

export const entitlements: SubgraphDefinition = {
  name: "entitlements",
  resolvers: [
    ServiceResolver,
    TrialResolver,
    EntitlementResolver,
    OrderResolver,
    OrderLineResolver,
    ProvisioningResolver,
    ResellResolver,
    PriceChangeResolver,
    OrganizationEntitlementsResolver,
    OrganizationSalesResolver,
    PartnerSalesResolver,
    OpportunityResolver,
    OrganizationPipelineResolver,
    PipelineResolver,
    JointGoalResolver,
    OrganizationGoalsResolver,
  ],
  orphanedTypes: [Organization],
  references: { ...serviceReference, ...organizationReference },
  entities: [
    ReminderSent,
    Service,
    Trial,
    Entitlement,
    Order,
    OrderLine,
    ResellRegistration,
    PriceChange,
    Opportunity,
    JointGoal,
    GoalReward,
    GoalMilestone,
  ],
  migrations,
  internalRoutes: bulkAddServiceRoutes,
  events: { publishes: EVENT_SUBSCRIPTIONS },
  onStart: async (dataSource) => {
    await ensureCatalog(dataSource);
    return startExpiryScanner(dataSource);
  },
};

export const listen = (port: number) => startSubgraph(entitlements, { port });
