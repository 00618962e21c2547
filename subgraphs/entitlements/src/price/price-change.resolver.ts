import { ConnectionType, Page, PageArgs, RequestContext } from "@partnergraph/kit";
import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { Organization } from "../organization/organization.type";
import { Service } from "../service/service.entity";
import { CatalogService } from "../service/service.service";
import { User } from "../user/user.stub";
import { PriceChange } from "./price-change.entity";
import { AnnouncePriceChangeInput } from "./price-change.inputs";
import { PriceChangeListService } from "./price-change-list.service";
import { PriceChangeService } from "./price-change.service";

export const PriceChangeConnection = ConnectionType("PriceChange", PriceChange);

@Resolver(() => PriceChange)
export class PriceChangeResolver {
  @FieldResolver(() => Service)
  async service(@Root() priceChange: PriceChange, @Ctx() ctx: RequestContext): Promise<Service> {
    return (await ctx.use(CatalogService).load(priceChange.serviceCode))!;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: "How many organizations held the service when it was announced, each told (the vendor's alone)",
  })
  holdersTold(@Root() priceChange: PriceChange, @Ctx() ctx: RequestContext): number {
    ctx.use(PriceChangeListService).assertVendor("how many holders were told");
    return priceChange.holdersTold;
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: "The vendor's administrator who announced it (the vendor's alone)",
  })
  announcedBy(@Root() priceChange: PriceChange, @Ctx() ctx: RequestContext): User {
    ctx.use(PriceChangeListService).assertVendor("who announced");
    return { id: priceChange.announcedByUserId };
  }

  @FieldResolver(() => [Organization], {
    description:
      "Whom it concerns among the organizations you act for: yours, when it holds the service, and for a partner its connected customers that hold it and share their entitlements (empty for the vendor: see holdersTold)",
  })
  async concerns(@Root() priceChange: PriceChange, @Ctx() ctx: RequestContext): Promise<Organization[]> {
    return (await ctx.use(PriceChangeListService).concerns(priceChange)).map((id) => ({ id }));
  }

  @Query(() => PriceChangeConnection, {
    description:
      "Price announcements, newest first: the vendor sees every one; an organization those of the services it holds, and a partner also those of the services its connected customers hold (where they share their entitlements)",
  })
  priceChanges(@Args() args: PageArgs, @Ctx() ctx: RequestContext): Promise<Page<PriceChange>> {
    return ctx.use(PriceChangeListService).list(args);
  }

  @Mutation(() => PriceChange, {
    description:
      "The vendor announces a price change of a service: every organization holding an ACTIVE entitlement to it, and its renewal contacts personally, are notified",
  })
  announcePriceChange(@Arg("input") input: AnnouncePriceChangeInput, @Ctx() ctx: RequestContext): Promise<PriceChange> {
    return ctx.use(PriceChangeService).announce(input);
  }
}
