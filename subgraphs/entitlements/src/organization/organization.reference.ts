import { RequestContext } from "@partnergraph/kit";
import { Organization } from "./organization.type";

/**
 * `_entities` accepts any representation: only the organization itself, the vendor and connected
 * badged partners get one (the connection check is batched: one call per request).
 */
export const organizationReference = {
  Organization: {
    async __resolveReference(reference: Pick<Organization, "id">, ctx: RequestContext): Promise<Organization> {
      await ctx.assertCanSeeOrganization(reference.id);
      return { id: reference.id };
    },
  },
};
