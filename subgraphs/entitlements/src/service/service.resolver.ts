import { RequestContext } from "@partnergraph/kit";
import { Ctx, Query, Resolver } from "type-graphql";
import { Service } from "./service.entity";

@Resolver(() => Service)
export class ServiceResolver {
  @Query(() => [Service], { description: "The service catalog" })
  services(@Ctx() ctx: RequestContext): Promise<Service[]> {
    return ctx.repository(Service).find({ order: { name: "ASC" } });
  }
}
