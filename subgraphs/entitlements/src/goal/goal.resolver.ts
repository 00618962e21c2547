import { RequestContext } from "@partnergraph/kit";
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import { Organization } from "../organization/organization.type";
import { GoalStatus } from "./goal.entity";
import { CreateJointGoalInput } from "./goal.inputs";
import { GoalService } from "./goal.service";
import { JointGoalView } from "./goal.type";

@Resolver(() => JointGoalView)
export class JointGoalResolver {
  @Mutation(() => JointGoalView, {
    description: "The vendor's administrators propose a joint goal to a partner (PROPOSED until the partner decides)",
  })
  createJointGoal(@Arg("input") input: CreateJointGoalInput, @Ctx() ctx: RequestContext): Promise<JointGoalView> {
    return ctx.use(GoalService).create(input);
  }

  @Mutation(() => JointGoalView, {
    description:
      "The partner's administrators agree to a proposed goal; from then on it earns its reward and milestone notices",
  })
  agreeJointGoal(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<JointGoalView> {
    return ctx.use(GoalService).decide(id, GoalStatus.AGREED);
  }

  @Mutation(() => JointGoalView, { description: "The partner's administrators decline a proposed goal, for good" })
  declineJointGoal(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<JointGoalView> {
    return ctx.use(GoalService).decide(id, GoalStatus.DECLINED);
  }
}

@Resolver(() => Organization)
export class OrganizationGoalsResolver {
  @FieldResolver(() => [JointGoalView], {
    nullable: true,
    description:
      "Joint goals with the vendor in every status, progress computed live; a met agreed goal's reward is recorded once. Only the partner itself and the vendor see them",
  })
  jointGoals(@Root() organization: Organization, @Ctx() ctx: RequestContext): Promise<JointGoalView[]> {
    return ctx.use(GoalService).ofPartner(organization.id);
  }
}
