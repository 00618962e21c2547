import { RequestContext } from "@partnergraph/kit";
import { Arg, Ctx, Query, Resolver } from "type-graphql";
import { InvitationService } from "./invitation.service";
import { PartnerInvitation, PartnerInvitationLink } from "./invitation.types";

@Resolver()
export class InvitationResolver {
  @Query(() => PartnerInvitationLink, { description: "The acting badged partner's one invitation link" })
  partnerInvitationLink(@Ctx() ctx: RequestContext): Promise<PartnerInvitationLink> {
    return ctx.use(InvitationService).myLink();
  }

  @Query(() => PartnerInvitation, { description: "The partner behind an invitation link, before accepting it" })
  partnerInvitation(@Arg("token") token: string, @Ctx() ctx: RequestContext): Promise<PartnerInvitation> {
    return ctx.use(InvitationService).preview(token);
  }
}
