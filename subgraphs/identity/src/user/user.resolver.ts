import { RequestContext } from "@partnergraph/kit";
import { Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { Certification } from "../certification/certification.entity";
import { Organization } from "../organization/organization.entity";
import { OrganizationService } from "../organization/organization.service";
import { Me } from "./me.type";
import { User } from "./user.entity";
import { UserService } from "./user.service";

@Resolver(() => Me)
export class MeResolver {
  @Query(() => Me, { description: "Who am I, and as which organization am I acting?" })
  me(@Ctx() ctx: RequestContext): Me {
    return ctx.use(UserService).me();
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: "The organization acted as in this request (X-Organization-Id, or home)",
  })
  organization(@Root() me: Me, @Ctx() ctx: RequestContext): Promise<Organization | null> {
    return me.organizationId ? ctx.use(OrganizationService).load(me.organizationId) : Promise.resolve(null);
  }

  @FieldResolver(() => Organization, { nullable: true, description: "The organization the person belongs to" })
  homeOrganization(@Root() me: Me, @Ctx() ctx: RequestContext): Promise<Organization | null> {
    return me.homeOrganizationId ? ctx.use(OrganizationService).load(me.homeOrganizationId) : Promise.resolve(null);
  }

  @FieldResolver(() => [Certification])
  certifications(@Root() me: Me, @Ctx() ctx: RequestContext): Promise<Certification[]> {
    return ctx.use(UserService).certificationsOf(me.id);
  }
}

@Resolver(() => User)
export class UserResolver {
  @FieldResolver(() => Organization, { nullable: true })
  organization(@Root() user: User, @Ctx() ctx: RequestContext): Promise<Organization | null> {
    return user.organizationId ? ctx.use(OrganizationService).viewable(user.organizationId) : Promise.resolve(null);
  }

  @FieldResolver(() => [Certification])
  certifications(@Root() user: User, @Ctx() ctx: RequestContext): Promise<Certification[]> {
    return ctx.use(UserService).certificationsOf(user.id);
  }
}
