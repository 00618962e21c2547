import { config, ForbiddenError, isUniqueViolation, NotFoundError, RequestContext } from "@partnergraph/kit";
import { randomBytes } from "node:crypto";
import { organizationNames } from "../identity.client";
import { InvitationLink } from "./invitation-link.entity";
import { PartnerInvitation, PartnerInvitationLink } from "./invitation.types";

export class InvitationService {
  constructor(private readonly ctx: RequestContext) {}

  /** The acting partner's link, created on its first request; a unique key decides concurrent first requests. */
  async myLink(): Promise<PartnerInvitationLink> {
    const partnerId = this.ctx.requireOrganization();
    if (!this.ctx.caller!.isPartner) {
      throw new ForbiddenError(
        "Only an organization with an active partner-program badge has an invitation link; yours holds none",
      );
    }
    const links = this.ctx.repository(InvitationLink);
    let link = await links.findOne({ where: { partnerId } });
    if (!link) {
      try {
        // insert, never save: save() on a known primary key turns into an UPDATE when a concurrent first request
        // inserted meanwhile, and would replace the link that request already handed out.
        const created = links.create({
          partnerId,
          token: randomBytes(24).toString("base64url"),
          createdAt: new Date(),
        });
        await links.insert(created);
        link = created;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        link = await links.findOneOrFail({ where: { partnerId } });
      }
    }
    return { url: `${config().portalUrl}/connect/${link.token}`, token: link.token };
  }

  /** The link behind a token, as long as its partner still holds a badge. */
  async resolve(token: string): Promise<InvitationLink> {
    this.ctx.requireCaller();
    const link =
      token && token.length <= 64 ? await this.ctx.repository(InvitationLink).findOne({ where: { token } }) : null;
    if (!link) throw new NotFoundError("Invitation link");
    return link;
  }

  async preview(token: string): Promise<PartnerInvitation> {
    const link = await this.resolve(token);
    await this.assertPartnerBadged(link.partnerId);
    return { token: link.token, partner: { id: link.partnerId } };
  }

  async assertPartnerBadged(partnerId: string): Promise<void> {
    const partner = (await organizationNames([partnerId])).get(partnerId);
    if (!partner?.isPartner)
      throw new ForbiddenError(
        "This partner no longer holds an active partner-program badge, so its invitation link cannot be used",
      );
  }
}
