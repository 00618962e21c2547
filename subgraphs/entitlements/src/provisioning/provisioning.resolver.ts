import { RequestContext } from "@partnergraph/kit";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Service } from "../service/service.entity";
import { CatalogService } from "../service/service.service";
import { ProvisionedService } from "./provisioned.type";

@Resolver(() => ProvisionedService)
export class ProvisioningResolver {
  @FieldResolver(() => Service)
  async service(@Root() item: ProvisionedService, @Ctx() ctx: RequestContext): Promise<Service> {
    return item.service ?? (await ctx.use(CatalogService).load(item.serviceCode))!;
  }
}
