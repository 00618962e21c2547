import { RequestContext } from "@partnergraph/kit";
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { Service } from "../service/service.entity";
import { CatalogService } from "../service/service.service";
import { ProvisionedService } from "./provisioned.type";
import { ProvisioningService } from "./provisioning.service";

@Resolver(() => ProvisionedService)
export class ProvisioningResolver {
  @FieldResolver(() => Service)
  async service(@Root() item: ProvisionedService, @Ctx() ctx: RequestContext): Promise<Service> {
    return item.service ?? (await ctx.use(CatalogService).load(item.serviceCode))!;
  }

  @Mutation(() => ProvisionedService, {
    description:
      'A badged partner registers to resell a service ("Resell" on its tile); it is provisioned for the partner',
  })
  registerToResell(@Arg("serviceCode") serviceCode: string, @Ctx() ctx: RequestContext): Promise<ProvisionedService> {
    return ctx.use(ProvisioningService).registerToResell(serviceCode);
  }
}
