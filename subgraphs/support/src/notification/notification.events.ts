import type { EndApproaching, EventHandlers } from "@partnergraph/contracts";
import type { EventHandler } from "@partnergraph/kit";
import { NotificationCategory } from "./notification.entity";
import { renewalContactsOf, renewalContactsOfEach } from "../contact/contact.service";
import { createNotification, createNotifications } from "./notification.service";

const day = (iso: string) => iso.slice(0, 10);

/**
 * Events → notifications. The kit applies each event id once (applied_event, same transaction),
 * so a second delivery makes no second notification. Titles stay generic: names are identity's.
 */
/** A grant or consent ends within the recipient's lead time: told in the words of its side. */
const endApproaching: EventHandler<EndApproaching> = async (manager, event) => {
  const { organizationId, kind, side, counterpartId, endsAt, leadDays } = event.payload;
  const what =
    kind === "GRANT"
      ? side === "GIVEN"
        ? "An administrator grant your organization gave"
        : "An administrator grant one of your people holds"
      : side === "GIVEN"
        ? "Your consent to share data with a partner"
        : "A customer's consent to share its data with you";
  await createNotification(manager, {
    organizationId,
    category: NotificationCategory.REMINDER,
    title: kind === "GRANT" ? "An administrator grant ends soon" : "A consent ends soon",
    body: `${what} ends on ${day(endsAt)}, in ${leadDays} day${leadDays === 1 ? "" : "s"} or less.`,
    relatedOrganizationId: counterpartId,
    sourceEventId: event.id,
  });
};

export const notificationHandlers: EventHandlers<"support"> = {
  GrantEndApproaching: endApproaching,
  ConsentEndApproaching: endApproaching,
  ConnectionMade: async (manager, event) => {
    const { partnerId, customerId, connectedAt } = event.payload;
    await createNotification(manager, {
      organizationId: partnerId,
      category: NotificationCategory.CUSTOMER_CONNECTED,
      title: "A customer connected",
      body: `A customer connected to your organization on ${day(connectedAt)}. Its account now shows on your customer dashboard.`,
      relatedOrganizationId: customerId,
      sourceEventId: event.id,
    });
  },
  ConnectionEnded: async (manager, event) => {
    const { partnerId, customerId, terminatedBy, terminatedAt } = event.payload;
    if (terminatedBy === "CUSTOMER") {
      await createNotification(manager, {
        organizationId: partnerId,
        category: NotificationCategory.CONNECTION_ENDED_BY_CUSTOMER,
        title: "A customer ended the connection",
        body: `A customer ended its connection to your organization on ${day(terminatedAt)}. You no longer see its account.`,
        relatedOrganizationId: customerId,
        sourceEventId: event.id,
      });
    } else {
      await createNotification(manager, {
        organizationId: customerId,
        category: NotificationCategory.CONNECTION_ENDED_BY_PARTNER,
        title: "A partner ended the connection",
        body: `A partner ended its connection to your organization on ${day(terminatedAt)}. It no longer sees your account.`,
        relatedOrganizationId: partnerId,
        sourceEventId: event.id,
      });
    }
  },
  ConsentChanged: async (manager, event) => {
    const { partnerId, customerId, areas, until } = event.payload;
    const shared = areas.length ? areas.map((a) => a.toLowerCase()).join(", ") : "none of its data";
    await createNotification(manager, {
      organizationId: partnerId,
      category: NotificationCategory.CONSENT_CHANGED,
      title: "A customer changed what it shares with you",
      body: `A customer now shares ${shared} with your organization${until ? ` until ${day(until)}` : ""}.`,
      relatedOrganizationId: customerId,
      sourceEventId: event.id,
    });
  },
  ConsentEnded: async (manager, event) => {
    const { partnerId, customerId, endedAt } = event.payload;
    // Both sides: the partner sees nothing more, and the customer learns that its consent ran out.
    await createNotification(manager, {
      organizationId: partnerId,
      category: NotificationCategory.CONSENT_ENDED,
      title: "A customer's consent ended",
      body: `A customer's consent to share its data with your organization ended on ${day(endedAt)}. You see none of its data until it consents again.`,
      relatedOrganizationId: customerId,
      sourceEventId: event.id,
    });
    await createNotification(manager, {
      organizationId: customerId,
      category: NotificationCategory.CONSENT_ENDED,
      title: "Your consent to a partner ended",
      body: `Your consent to share data with a partner ended on ${day(endedAt)}. It sees none of your data until you consent again.`,
      relatedOrganizationId: partnerId,
      sourceEventId: event.id,
    });
  },
  ExpiryApproaching: async (manager, event) => {
    const { organizationId, kind, serviceName, endsAt, leadDays } = event.payload;
    const trial = kind === "TRIAL";
    const when = `${day(endsAt)}${leadDays ? `, in ${leadDays} day${leadDays === 1 ? "" : "s"} or less` : ""}`;
    await createNotification(manager, {
      organizationId,
      category: trial ? NotificationCategory.TRIAL_EXPIRING : NotificationCategory.ENTITLEMENT_EXPIRING,
      title: trial ? "A trial ends soon" : "An entitlement expires soon",
      body: `${trial ? "The trial of" : "The entitlement to"} ${serviceName} ends on ${when}.`,
      relatedOrganizationId: null,
      sourceEventId: event.id,
    });
    if (trial) return;
    // Renewals are also the renewal contact's own business: a notice to them personally.
    for (const userId of await renewalContactsOf(manager, organizationId)) {
      await createNotification(manager, {
        organizationId,
        recipientUserId: userId,
        category: NotificationCategory.RENEWAL_DUE,
        title: "A renewal is due",
        body: `As renewal contact: the entitlement to ${serviceName} ends on ${when}. Renew it before then to keep its licenses.`,
        relatedOrganizationId: null,
        sourceEventId: event.id,
      });
    }
  },
  JointGoalProposed: async (manager, event) => {
    const { partnerId, vendorId, metric, target, periodStart, periodEnd } = event.payload;
    await createNotification(manager, {
      organizationId: partnerId,
      category: NotificationCategory.GOAL,
      title: "A joint goal was proposed",
      body: `The vendor proposes a joint goal on ${metric} (target ${target}) for ${day(periodStart)} – ${day(periodEnd)}. Agree to it to earn its reward.`,
      relatedOrganizationId: vendorId,
      sourceEventId: event.id,
    });
  },
  JointGoalDecided: async (manager, event) => {
    const { partnerId, vendorId, status, metric, target } = event.payload;
    const agreed = status === "AGREED";
    await createNotification(manager, {
      organizationId: vendorId,
      category: NotificationCategory.GOAL,
      title: agreed ? "A partner agreed to a joint goal" : "A partner declined a joint goal",
      body: `The partner ${agreed ? "agreed to" : "declined"} the joint goal on ${metric} (target ${target}).`,
      relatedOrganizationId: partnerId,
      sourceEventId: event.id,
    });
  },
  ResellRequested: async (manager, event) => {
    const { partnerId, vendorId, serviceCode } = event.payload;
    await createNotification(manager, {
      organizationId: vendorId,
      category: NotificationCategory.RESELL,
      title: "A partner asks to resell a service",
      body: `A partner asks to resell ${serviceCode}. Approve or decline it among the requests waiting for a decision.`,
      relatedOrganizationId: partnerId,
      sourceEventId: event.id,
    });
  },
  ResellDecided: async (manager, event) => {
    const { partnerId, vendorId, serviceCode, status, reason } = event.payload;
    const approved = status === "APPROVED";
    await createNotification(manager, {
      organizationId: partnerId,
      category: NotificationCategory.RESELL,
      title: approved ? "You may resell a service" : "A request to resell was declined",
      body: approved
        ? `The vendor approved your request to resell ${serviceCode}. You may place orders for it as reseller.${reason ? ` The vendor says: ${reason}` : ""}`
        : `The vendor declined your request to resell ${serviceCode}.${reason ? ` The vendor says: ${reason}` : ""} You may ask again.`,
      relatedOrganizationId: vendorId,
      sourceEventId: event.id,
    });
  },
  ResellWithdrawn: async (manager, event) => {
    const { partnerId, vendorId, serviceCode } = event.payload;
    await createNotification(manager, {
      organizationId: vendorId,
      category: NotificationCategory.RESELL,
      title: "A partner withdrew a request to resell",
      body: `A partner withdrew its request to resell ${serviceCode}: it no longer waits for a decision.`,
      relatedOrganizationId: partnerId,
      sourceEventId: event.id,
    });
  },
  ResellRevoked: async (manager, event) => {
    const { partnerId, vendorId, serviceCode, reason } = event.payload;
    await createNotification(manager, {
      organizationId: partnerId,
      category: NotificationCategory.RESELL,
      title: "Your right to resell a service was revoked",
      body: `The vendor revoked your right to resell ${serviceCode}: you may no longer place orders for it as reseller. The vendor says: ${reason} You may ask again.`,
      relatedOrganizationId: vendorId,
      sourceEventId: event.id,
    });
  },
  PriceChangeAnnounced: async (manager, event) => {
    const { serviceName, effectiveOn, summary, holderIds } = event.payload;
    const body = `The price of ${serviceName} changes on ${day(effectiveOn)}: ${summary}`;
    // Each holder, and — like renewals — its renewal contacts personally: the price is theirs to weigh at renewal.
    // Up to 200 holders an event: a few multi-row statements for all of them, not several per holder.
    const contacts = await renewalContactsOfEach(manager, holderIds);
    await createNotifications(
      manager,
      holderIds.flatMap((organizationId) => [
        {
          organizationId,
          category: NotificationCategory.PRICE_CHANGE,
          title: "A price changes",
          body,
          relatedOrganizationId: null,
          sourceEventId: event.id,
        },
        ...(contacts.get(organizationId) ?? []).map((userId) => ({
          organizationId,
          recipientUserId: userId,
          category: NotificationCategory.PRICE_CHANGE,
          title: "A price changes before your renewal",
          body: `As renewal contact: ${body}`,
          relatedOrganizationId: null,
          sourceEventId: event.id,
        })),
      ]),
    );
  },
  GoalMilestoneReached: async (manager, event) => {
    const { partnerId, vendorId, milestone, metric, target, progress } = event.payload;
    const met = Number(milestone) >= 100;
    const title = met ? "A joint goal was met" : "A joint goal is half way";
    const body = `${met ? "The joint goal" : "Half of the joint goal"} on ${metric} (target ${target}) is reached: progress is ${progress}.`;
    // One for each side: the partner, and the vendor that agreed the goal with it.
    await createNotification(manager, {
      organizationId: partnerId,
      category: NotificationCategory.GOAL,
      title,
      body,
      relatedOrganizationId: vendorId,
      sourceEventId: event.id,
    });
    await createNotification(manager, {
      organizationId: vendorId,
      category: NotificationCategory.GOAL,
      title,
      body,
      relatedOrganizationId: partnerId,
      sourceEventId: event.id,
    });
  },
};
