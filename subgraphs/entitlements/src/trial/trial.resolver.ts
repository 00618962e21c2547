import { RequestContext } from "@partnergraph/kit";
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { checkOrgId } from "../organization/orgid";
import { Organization } from "../organization/organization.type";
import { Service } from "../service/service.entity";
import { CatalogService } from "../service/service.service";
import { Trial, trialStatus, TrialStatus } from "./trial.entity";
import { TrialService } from "./trial.service";

@Resolver(() => Trial)
export class TrialResolver {
  @FieldResolver(() => TrialStatus, { description: "As of now: an approved trial past its end is EXPIRED" })
  status(@Root() trial: Trial): TrialStatus {
    return trialStatus(trial);
  }

  @FieldResolver(() => Service)
  async service(@Root() trial: Trial, @Ctx() ctx: RequestContext): Promise<Service> {
    return (await ctx.use(CatalogService).load(trial.serviceCode))!;
  }

  @FieldResolver(() => Organization, { description: "The organization trying the service" })
  organization(@Root() trial: Trial): Organization {
    return { id: trial.organizationId };
  }

  @Query(() => [Trial], { description: "Trials waiting for the vendor's decision (vendor administrators)" })
  pendingTrials(@Ctx() ctx: RequestContext): Promise<Trial[]> {
    return ctx.use(TrialService).pending();
  }

  @Mutation(() => Trial, {
    description: "The acting organization asks for a trial of a service: PENDING until the vendor decides",
  })
  requestTrial(@Arg("serviceCode") serviceCode: string, @Ctx() ctx: RequestContext): Promise<Trial> {
    return ctx.use(TrialService).request(serviceCode);
  }

  @Mutation(() => Trial, {
    description: "A partner administering the customer adds a service to it: it starts as an ACTIVE trial",
  })
  addService(
    @Arg("customerId", () => ID) customerId: string,
    @Arg("serviceCode") serviceCode: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Trial> {
    return ctx.use(TrialService).addService(checkOrgId(customerId, "customerId"), serviceCode);
  }

  @Mutation(() => Trial, {
    description: "The vendor approves a PENDING trial: ACTIVE from now for the service's trial length",
  })
  approveTrial(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Trial> {
    return ctx.use(TrialService).approve(id);
  }

  @Mutation(() => Trial, { description: "The vendor declines a PENDING trial" })
  declineTrial(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Trial> {
    return ctx.use(TrialService).decline(id);
  }
}
