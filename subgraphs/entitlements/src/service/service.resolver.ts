import { RequestContext } from "@partnergraph/kit";
import { Ctx, Query, Resolver } from "type-graphql";
import { Service } from "./service.entity";
import { CatalogService } from "./service.service";

@Resolver(() => Service)
export class ServiceResolver {
  @Query(() => [Service], { description: "The service catalog (public to anyone signed in)" })
  services(@Ctx() ctx: RequestContext): Promise<Service[]> {
    ctx.requireCaller();
    return ctx.use(CatalogService).all();
  }
}
