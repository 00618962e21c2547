import { callInternal, config } from "@partnergraph/kit";

/** Identity's signed route (subgraphs/identity/src/onboarding): names and badge state of organizations. */
export const ORGANIZATION_NAMES_ROUTE = "organization-names";
export interface OrganizationName {
  id: string;
  name: string;
  isPartner: boolean;
}

export async function organizationNames(ids: string[]): Promise<Map<string, OrganizationName>> {
  const { organizations } = await callInternal<{ organizations: OrganizationName[] }>(
    config().subgraphUrls.identity,
    ORGANIZATION_NAMES_ROUTE,
    { ids },
  );
  return new Map(organizations.map((org) => [org.id, org]));
}
