import { ORGANIZATION_NAMES_ROUTE } from "@partnergraph/contracts";
import { InternalRoutes, serveRoute } from "@partnergraph/kit";
import { DataSource, In } from "typeorm";
import { Organization } from "../organization/organization.entity";
import { ProgramMembership } from "../program/membership.entity";
import { MembershipStatus } from "../program/program.enums";

/** Signed route for the connections subgraph: organizations' names and whether each holds an active badge. */
export function onboardingRoutes(dataSource: DataSource): InternalRoutes {
  return serveRoute(ORGANIZATION_NAMES_ROUTE, async (body) => {
    const ids = (Array.isArray(body.ids) ? body.ids : []).map(String).slice(0, 1000);
    if (ids.length === 0) return { organizations: [] };
    const [organizations, memberships] = await Promise.all([
      dataSource.getRepository(Organization).find({ select: { id: true, name: true }, where: { id: In(ids) } }),
      dataSource.getRepository(ProgramMembership).find({ where: { organizationId: In(ids) } }),
    ]);
    const now = new Date();
    const badged = new Set(
      memberships.filter((m) => m.status(now) === MembershipStatus.ACTIVE).map((m) => m.organizationId),
    );
    return { organizations: organizations.map(({ id, name }) => ({ id, name, isPartner: badged.has(id) })) };
  });
}
