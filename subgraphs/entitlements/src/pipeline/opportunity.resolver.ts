import { ConnectionType, Page, RequestContext } from "@partnergraph/kit";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import { MoneyScalar } from "../money/money.scalar";
import { Organization } from "../organization/organization.type";
import { Opportunity, OpportunityStage } from "./opportunity.entity";
import { OpportunitiesArgs, RegisterOpportunityInput } from "./opportunity.inputs";
import { OpportunityService } from "./opportunity.service";
import { Pipeline, StageSummary } from "./pipeline.type";

export const OpportunityConnection = ConnectionType("Opportunity", Opportunity);

@Resolver(() => Opportunity)
export class OpportunityResolver {
  @Mutation(() => Opportunity, { description: "A badged partner, acting as itself, registers a deal (stage LEAD)" })
  registerOpportunity(@Arg("input") input: RegisterOpportunityInput, @Ctx() ctx: RequestContext): Promise<Opportunity> {
    return ctx.use(OpportunityService).register(input);
  }

  @Mutation(() => Opportunity, {
    description: "The partner moves its deal to a stage; WON and LOST close it for good (CONFLICT afterwards)",
  })
  moveOpportunity(
    @Arg("id", () => ID) id: string,
    @Arg("stage", () => OpportunityStage) stage: OpportunityStage,
    @Ctx() ctx: RequestContext,
  ): Promise<Opportunity> {
    return ctx.use(OpportunityService).move(id, stage);
  }
}

@Resolver(() => Organization)
export class OrganizationPipelineResolver {
  @FieldResolver(() => Pipeline, {
    nullable: true,
    description: "The deals this partner registered, by stage. Only the partner itself and the vendor see them",
  })
  pipeline(@Root() organization: Organization, @Ctx() ctx: RequestContext): Pipeline {
    return ctx.use(OpportunityService).of(organization.id);
  }
}

@Resolver(() => Pipeline)
export class PipelineResolver {
  @FieldResolver(() => MoneyScalar, { description: "Amount of the open deals (LEAD, QUALIFIED, PROPOSAL)" })
  totalAmount(@Root() pipeline: Pipeline, @Ctx() ctx: RequestContext): Promise<number> {
    return ctx.use(OpportunityService).totalAmount(pipeline.partnerId);
  }

  @FieldResolver(() => [StageSummary], {
    description: "Every stage in order LEAD, QUALIFIED, PROPOSAL, WON, LOST, zeros included",
  })
  byStage(@Root() pipeline: Pipeline, @Ctx() ctx: RequestContext): Promise<StageSummary[]> {
    return ctx.use(OpportunityService).byStage(pipeline.partnerId);
  }

  @FieldResolver(() => OpportunityConnection, {
    description: "Drill-down: a page of the deals in a stage (or all), by expected close",
  })
  opportunities(
    @Root() pipeline: Pipeline,
    @Args() args: OpportunitiesArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<Opportunity>> {
    return ctx.use(OpportunityService).opportunities(pipeline.partnerId, args.stage ?? null, args.first, args.after);
  }
}
