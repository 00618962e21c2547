import { RequestContext } from "@partnergraph/kit";
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { Service } from "../service/service.entity";
import { CatalogService } from "../service/service.service";
import { PriceChange } from "./price-change.entity";
import { AnnouncePriceChangeInput } from "./price-change.inputs";
import { PriceChangeService } from "./price-change.service";

@Resolver(() => PriceChange)
export class PriceChangeResolver {
  @FieldResolver(() => Service)
  async service(@Root() priceChange: PriceChange, @Ctx() ctx: RequestContext): Promise<Service> {
    return (await ctx.use(CatalogService).load(priceChange.serviceCode))!;
  }

  @Mutation(() => PriceChange, {
    description:
      "The vendor announces a price change of a service: every organization holding an ACTIVE entitlement to it, and its renewal contacts personally, are notified",
  })
  announcePriceChange(@Arg("input") input: AnnouncePriceChangeInput, @Ctx() ctx: RequestContext): Promise<PriceChange> {
    return ctx.use(PriceChangeService).announce(input);
  }
}
