import { ConnectionType, Page, RequestContext } from "@partnergraph/kit";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { Organization } from "../organization/organization.type";
import { AddCustomerService } from "./add-customer.service";
import { Connection, ConnectionStatus } from "./connection.entity";
import { AddCustomerInput, CustomerDashboardArgs } from "./connection.inputs";
import { ConnectionService } from "./connection.service";
import { DashboardService } from "./dashboard.service";

export const CustomerDashboardConnection = ConnectionType("CustomerDashboard", Connection);

@Resolver(() => Connection)
export class ConnectionResolver {
  @Mutation(() => Connection, { description: "The customer's administrator accepts a partner's invitation link" })
  acceptPartnerInvitation(@Arg("token") token: string, @Ctx() ctx: RequestContext): Promise<Connection> {
    return ctx.use(ConnectionService).accept(token);
  }

  @Mutation(() => Connection, { description: "Either side ends a connection; the record keeps who ended it and when" })
  terminateConnection(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Connection> {
    return ctx.use(ConnectionService).terminate(id);
  }

  @Mutation(() => Connection, {
    description:
      "A badged partner registers a customer: organization, administrator invitation and connection together",
  })
  addCustomer(@Arg("input") input: AddCustomerInput, @Ctx() ctx: RequestContext): Promise<Connection> {
    return ctx.use(AddCustomerService).add(input);
  }

  @Query(() => [Connection], {
    description: "The acting organization's partners (ACTIVE connections unless told otherwise)",
  })
  myPartners(
    @Arg("status", () => ConnectionStatus, { nullable: true, defaultValue: ConnectionStatus.ACTIVE })
    status: ConnectionStatus | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection[]> {
    return ctx.use(ConnectionService).myPartners(status);
  }

  @Query(() => CustomerDashboardConnection, { description: "A badged partner's ACTIVE customers, by name" })
  customerDashboard(@Args() args: CustomerDashboardArgs, @Ctx() ctx: RequestContext): Promise<Page<Connection>> {
    return ctx.use(DashboardService).customers(args);
  }

  @FieldResolver(() => Organization)
  partner(@Root() connection: Connection): Organization {
    return { id: connection.partnerId };
  }

  @FieldResolver(() => Organization)
  customer(@Root() connection: Connection): Organization {
    return { id: connection.customerId };
  }
}
