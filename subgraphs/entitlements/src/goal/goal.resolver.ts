import { RequestContext } from "@partnergraph/kit";
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { Organization } from "../organization/organization.type";
import { CreateJointGoalInput } from "./goal.inputs";
import { GoalService } from "./goal.service";
import { JointGoalView } from "./goal.type";

@Resolver(() => JointGoalView)
export class JointGoalResolver {
  @Mutation(() => JointGoalView, { description: "The vendor's administrators set a joint goal for a partner" })
  createJointGoal(@Arg("input") input: CreateJointGoalInput, @Ctx() ctx: RequestContext): Promise<JointGoalView> {
    return ctx.use(GoalService).create(input);
  }
}

@Resolver(() => Organization)
export class OrganizationGoalsResolver {
  @FieldResolver(() => [JointGoalView], {
    nullable: true,
    description: "Joint goals with the vendor, progress computed live; a met goal's reward is recorded once. Only the partner itself and the vendor see them",
  })
  jointGoals(@Root() organization: Organization, @Ctx() ctx: RequestContext): Promise<JointGoalView[]> {
    return ctx.use(GoalService).ofPartner(organization.id);
  }
}
