import { OrganizationName, ORGANIZATION_NAMES_ROUTE } from "@partnergraph/contracts";
import { callRoute } from "@partnergraph/kit";

/** Identity's names and badge state of organizations, by id. */
export async function organizationNames(ids: string[]): Promise<Map<string, OrganizationName>> {
  const { organizations } = await callRoute(ORGANIZATION_NAMES_ROUTE, { ids });
  return new Map(organizations.map((org) => [org.id, org]));
}
