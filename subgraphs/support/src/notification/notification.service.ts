import { AUDIT_ACTIONS } from "@partnergraph/contracts";
import {
  applyKeyset,
  decodeCursor,
  firstRowsPerParent,
  ParentSlice,
  slicePage,
  isUniqueViolation,
  inTransaction,
  newId,
  NotFoundError,
  Page,
  recordAudit,
  RequestContext,
  toPage,
  toSqlDateTime,
} from "@partnergraph/kit";
import { EntityManager, In, SelectQueryBuilder } from "typeorm";
import { publishEach } from "../events";
import { Notification, NotificationCategory, NotificationDismissal } from "./notification.entity";
import { NotificationPageArgs } from "./notification.inputs";

const keyOf = (n: Notification) => [toSqlDateTime(n.createdAt), n.id];

export interface NewNotification {
  organizationId: string;
  category: NotificationCategory;
  title: string;
  body: string;
  relatedOrganizationId?: string | null;
  /** One person only (see Notification.recipientUserId). */
  recipientUserId?: string | null;
  sourceEventId?: string | null;
  createdAt?: Date;
}

/**
 * Writes a notification inside the caller's transaction (an event handler's, or a seed's), and tells webhooks
 * of it in the same transaction, unless it is addressed to one person (theirs alone).
 */
export async function createNotification(manager: EntityManager, input: NewNotification): Promise<Notification> {
  const [notification] = await createNotifications(manager, [input]);
  return notification;
}

/** createNotification for many at once: one INSERT of the notifications, one of their NotificationCreated events. */
export async function createNotifications(manager: EntityManager, inputs: NewNotification[]): Promise<Notification[]> {
  if (!inputs.length) return [];
  const now = new Date();
  const notifications = inputs.map((input) =>
    manager.create(Notification, {
      id: newId("NTF"),
      relatedOrganizationId: null,
      recipientUserId: null,
      sourceEventId: null,
      createdAt: now,
      ...input,
    }),
  );
  await manager.insert(Notification, notifications);
  await publishEach(
    manager,
    "NotificationCreated",
    notifications
      .filter((notification) => !notification.recipientUserId)
      .map((notification) => ({
        notificationId: notification.id,
        organizationId: notification.organizationId,
        category: notification.category,
        title: notification.title,
        body: notification.body,
        relatedOrganizationId: notification.relatedOrganizationId,
        createdAt: notification.createdAt.toISOString(),
      })),
  );
  return notifications;
}

export class NotificationService {
  constructor(private readonly ctx: RequestContext) {}

  /** Dismissals are per viewing organization: the acting one. */
  private get viewer(): string | null {
    return this.ctx.caller?.organizationId ?? null;
  }

  private filter(includeDismissed: boolean) {
    const viewer = this.viewer;
    const person = this.ctx.caller?.userId ?? "";
    return <Q extends SelectQueryBuilder<Notification>>(qb: Q): Q => {
      // A notice to one person is theirs alone.
      qb.andWhere("(t.recipient_user_id IS NULL OR t.recipient_user_id = :person)", { person });
      if (!includeDismissed && viewer) {
        qb.andWhere(
          "NOT EXISTS (SELECT 1 FROM notification_dismissal d WHERE d.notification_id = t.id AND d.organization_id = :viewer)",
          { viewer },
        );
      }
      return qb;
    };
  }

  /** The acting organization's own notifications. */
  mine(args: NotificationPageArgs): Promise<Page<Notification>> {
    return this.ofOrganization(this.ctx.requireOrganization(), args);
  }

  /** An organization's notifications, newest first, as the acting organization sees them (its dismissals hidden). */
  async ofOrganization(organizationId: string, args: NotificationPageArgs): Promise<Page<Notification>> {
    await this.ctx.assertCanSeeArea(organizationId, "NOTIFICATIONS");
    if (args.after) return this.pageAfter(organizationId, args);
    const slice = await this.ctx
      .loader<string, ParentSlice<Notification>>(`notifications:${args.includeDismissed}:${args.first}`, (ids) =>
        firstRowsPerParent({
          repository: this.ctx.repository(Notification),
          parentColumn: "organization_id",
          parentProperty: "organizationId",
          parentIds: ids,
          filter: this.filter(args.includeDismissed),
          orderBy: [["created_at", "DESC"]],
          first: args.first,
        }),
      )
      .load(organizationId);
    return slicePage(slice, keyOf);
  }

  private async pageAfter(organizationId: string, args: NotificationPageArgs): Promise<Page<Notification>> {
    const after = decodeCursor(args.after, 2);
    const base = () =>
      this.filter(args.includeDismissed)(
        this.ctx
          .repository(Notification)
          .createQueryBuilder("t")
          .where("t.organization_id = :organizationId", { organizationId }),
      );
    const [rows, totalCount] = await Promise.all([
      applyKeyset(
        base(),
        [
          { column: "t.created_at", direction: "DESC" },
          { column: "t.id", direction: "ASC" },
        ],
        after,
      )
        .limit(args.first + 1)
        .getMany(),
      base().getCount(),
    ]);
    return toPage(rows, args.first, totalCount, keyOf);
  }

  /** Whether the acting organization has dismissed it: one statement per request for every notification shown. */
  dismissed(notification: Notification): Promise<boolean> {
    const viewer = this.viewer;
    if (!viewer) return Promise.resolve(false);
    return this.ctx
      .loader<string, boolean>("dismissed", async (ids) => {
        const rows = await this.ctx
          .repository(NotificationDismissal)
          .find({ where: { notificationId: In([...ids]), organizationId: viewer } });
        const hidden = new Set(rows.map((r) => r.notificationId));
        return ids.map((id) => hidden.has(id));
      })
      .load(notification.id);
  }

  /** Hides a notification for the acting organization only; dismissing twice is harmless. */
  async dismiss(id: string): Promise<Notification> {
    const caller = this.ctx.requireCaller();
    const viewer = this.ctx.requireOrganization();
    const notification = await this.ctx.repository(Notification).findOne({ where: { id } });
    if (!notification || !(await this.ctx.canSeeArea(notification.organizationId, "NOTIFICATIONS")))
      throw new NotFoundError("Notification", id);
    try {
      await inTransaction(this.ctx.dataSource, async (manager) => {
        // Recorded first: a second dismissal, refused by the unique key, changes nothing and records nothing.
        await recordAudit(manager, caller, {
          action: AUDIT_ACTIONS.dismissNotification,
          subjectType: "Notification",
          subjectId: id,
          targetOrganizationId: viewer,
          summary: `Dismissed the notification "${notification.title}"${notification.organizationId === viewer ? "" : ` of ${notification.organizationId}`}`,
        });
        await manager.insert(NotificationDismissal, {
          id: newId("NDS"),
          notificationId: id,
          organizationId: viewer,
          dismissedByUserId: caller.userId,
          dismissedAt: new Date(),
        });
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    return notification;
  }
}
