import { NotFoundError, RequestContext } from "@partnergraph/kit";
import { Service } from "./service.entity";
import { CatalogService } from "./service.service";

/** The catalog is public to anyone signed in; references are batched by code. */
export const serviceReference = {
  Service: {
    async __resolveReference(reference: Pick<Service, "code">, ctx: RequestContext): Promise<Service> {
      ctx.requireCaller();
      const service = await ctx.use(CatalogService).load(reference.code);
      if (!service) throw new NotFoundError("Service", reference.code);
      return service;
    },
  },
};
