import { PARTNER_STANDING_ROUTE, PartnerStandingResponse } from "@partnergraph/contracts";
import { BadUserInputError, InternalRoutes, serveRoute } from "@partnergraph/kit";
import { DataSource } from "typeorm";
import { Certification, isCurrent } from "../certification/certification.entity";
import { User } from "../user/user.entity";
import { ProgramMembership } from "./membership.entity";
import { MembershipStatus, PartnerTier } from "./program.enums";

const RANK: Record<PartnerTier, number> = { PLATINUM: 3, GOLD: 2, SILVER: 1 };
const rank = (m: ProgramMembership) => (m.tier ? RANK[m.tier] : 0);

/**
 * "What does partner P hold at instant T, and is person U one of its people, certified in what?"
 * (the contract's PARTNER_STANDING_ROUTE): support's agreements and contacts, entitlements' goals and resellers.
 * One call answers both; three statements at most, read live.
 */
export function partnerStandingRoutes(dataSource: DataSource): InternalRoutes {
  return serveRoute(PARTNER_STANDING_ROUTE, async (body) => {
    const partnerId = typeof body.partnerId === "string" ? body.partnerId : "";
    const at = new Date(typeof body.at === "string" ? body.at : NaN);
    const userId = typeof body.userId === "string" && body.userId ? body.userId : null;
    if (!partnerId) throw new BadUserInputError("partnerId", "partnerId is required");
    if (Number.isNaN(at.getTime())) throw new BadUserInputError("at", "at must be an ISO instant");

    const [memberships, user, certifications] = await Promise.all([
      dataSource.getRepository(ProgramMembership).find({ where: { organizationId: partnerId } }),
      userId
        ? dataSource.getRepository(User).findOne({ select: { id: true, organizationId: true }, where: { id: userId } })
        : null,
      userId ? dataSource.getRepository(Certification).find({ where: { userId } }) : [],
    ]);
    // Highest tier first; among equals the one that lasts longest (open-ended first).
    const active = memberships
      .filter((m) => m.status(at) === MembershipStatus.ACTIVE)
      .sort(
        (a, b) =>
          rank(b) - rank(a) ||
          (b.endsAt?.getTime() ?? Infinity) - (a.endsAt?.getTime() ?? Infinity) ||
          a.id.localeCompare(b.id),
      );
    const best = active[0];
    const response: PartnerStandingResponse = {
      membership: best
        ? {
            id: best.id,
            program: best.program,
            tier: best.tier,
            startsAt: best.startsAt.toISOString(),
            endsAt: best.endsAt?.toISOString() ?? null,
          }
        : null,
    };
    if (userId) {
      const member = !!user && user.organizationId === partnerId;
      const now = new Date();
      // Certifications are told only for the partner's own people, current now (not at `at`).
      const products = member ? certifications.filter((c) => isCurrent(c, now)).map((c) => c.product) : [];
      response.person = { userId, member, certifiedProducts: [...new Set(products)].sort() };
    }
    return response;
  });
}
