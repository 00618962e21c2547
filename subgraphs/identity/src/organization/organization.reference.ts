import { RequestContext } from "@partnergraph/kit";
import { Organization } from "./organization.entity";
import { OrganizationService } from "./organization.service";

/** Other subgraphs point at organizations by id; the same visibility rule applies as to the root query. */
export const organizationReference = {
  Organization: {
    __resolveReference(reference: Pick<Organization, "id">, ctx: RequestContext): Promise<Organization> {
      return ctx.use(OrganizationService).viewable(reference.id);
    },
  },
};
