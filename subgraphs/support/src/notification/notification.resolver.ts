import { ConnectionType, Page, RequestContext } from "@partnergraph/kit";
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { Organization, organizationRef } from "../shared/stubs";
import { Notification } from "./notification.entity";
import { NotificationPageArgs } from "./notification.inputs";
import { NotificationService } from "./notification.service";

export const NotificationConnection = ConnectionType("Notification", Notification);

@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => NotificationConnection, { description: "The acting organization's own notifications, newest first" })
  myNotifications(@Args() args: NotificationPageArgs, @Ctx() ctx: RequestContext): Promise<Page<Notification>> {
    return ctx.use(NotificationService).mine(args);
  }

  @Mutation(() => Notification, {
    description: "Hide a notification for the acting organization only; its owner still sees it",
  })
  dismissNotification(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Notification> {
    return ctx.use(NotificationService).dismiss(id);
  }

  @FieldResolver(() => Boolean, {
    description: "Addressed to the person asking alone (as the renewal contact, say), not to the whole organization",
  })
  personal(@Root() notification: Notification): boolean {
    return notification.recipientUserId !== null;
  }

  @FieldResolver(() => Boolean, { description: "Dismissed by the acting organization" })
  dismissed(@Root() notification: Notification, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.use(NotificationService).dismissed(notification);
  }

  @FieldResolver(() => Organization, { description: "The recipient" })
  organization(@Root() notification: Notification): Organization {
    return organizationRef(notification.organizationId)!;
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: "The organization it is about (the customer that connected, the partner that left…)",
  })
  relatedOrganization(@Root() notification: Notification): Organization | null {
    return organizationRef(notification.relatedOrganizationId);
  }
}
