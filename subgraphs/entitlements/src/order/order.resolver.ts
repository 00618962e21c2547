import { ConnectionType, RequestContext } from "@partnergraph/kit";
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { Organization } from "../organization/organization.type";
import { Service } from "../service/service.entity";
import { CatalogService } from "../service/service.service";
import { OrderLine } from "./order-line.entity";
import { Order } from "./order.entity";
import { PlaceOrderInput } from "./order.inputs";
import { OrderService } from "./order.service";

export const OrderConnection = ConnectionType("Order", Order);

@Resolver(() => Order)
export class OrderResolver {
  @FieldResolver(() => [OrderLine])
  lines(@Root() order: Order, @Ctx() ctx: RequestContext): Promise<OrderLine[]> {
    return ctx.use(OrderService).lines(order.id);
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: "The partner that resold it; null for a direct sale",
  })
  reseller(@Root() order: Order): Organization | null {
    return order.resellerId ? { id: order.resellerId } : null;
  }

  @Mutation(() => Order, {
    description:
      "Books an order and, in the same transaction, creates or extends the customer's entitlements (vendor, or a partner administering the customer as reseller)",
  })
  placeOrder(@Arg("input") input: PlaceOrderInput, @Ctx() ctx: RequestContext): Promise<Order> {
    return ctx.use(OrderService).place(input);
  }
}

@Resolver(() => OrderLine)
export class OrderLineResolver {
  @FieldResolver(() => Service)
  async service(@Root() line: OrderLine, @Ctx() ctx: RequestContext): Promise<Service> {
    return (await ctx.use(CatalogService).load(line.serviceCode))!;
  }
}
