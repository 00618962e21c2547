import { alignByKey, ForbiddenError, NotFoundError, RequestContext } from "@partnergraph/kit";
import { In } from "typeorm";
import { Certification } from "../certification/certification.entity";
import { MembershipService } from "../program/membership.service";
import { Me } from "./me.type";
import { User } from "./user.entity";

export class UserService {
  constructor(private readonly ctx: RequestContext) {}

  me(): Me {
    const caller = this.ctx.requireCaller();
    return {
      id: caller.userId,
      email: caller.email,
      displayName: caller.displayName,
      role: caller.homeOrganizationId ? (caller.role === "ADMINISTRATOR" ? null : (caller.role as Me["role"])) : null,
      actingAsAdministrator: caller.role === "ADMINISTRATOR",
      organizationId: caller.organizationId,
      homeOrganizationId: caller.homeOrganizationId,
    };
  }

  load(id: string): Promise<User | null> {
    return this.ctx
      .loader<string, User | null>("user-by-id", async (ids) =>
        alignByKey(ids, await this.ctx.repository(User).find({ where: { id: In([...ids]) } }), (u) => u.id),
      )
      .load(id);
  }

  /**
   * A person is visible to themselves, to whoever may see their organization's data, and —
   * as a partner's staff — to any signed-in caller (partners' people act for customers).
   */
  async viewable(id: string): Promise<User> {
    const caller = this.ctx.requireCaller();
    const user = await this.load(id);
    if (!user) throw new NotFoundError("User", id);
    if (user.id === caller.userId) return user;
    if (user.organizationId) {
      if (await this.ctx.canSeeOrganization(user.organizationId)) return user;
      if (await this.ctx.use(MembershipService).isPartner(user.organizationId)) return user;
    }
    throw new ForbiddenError(`You may not see user ${id}`);
  }

  certificationsOf(userId: string): Promise<Certification[]> {
    return this.ctx
      .loader<string, Certification[]>("certifications-by-user", async (ids) => {
        const rows = await this.ctx
          .repository(Certification)
          .find({ where: { userId: In([...ids]) }, order: { achievedAt: "DESC" } });
        return ids.map((id) => rows.filter((row) => row.userId === id));
      })
      .load(userId);
  }
}
