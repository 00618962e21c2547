import { config, DayRetention } from "@partnergraph/kit";
import { In } from "typeorm";
import { Notification, NotificationDismissal } from "./notification.entity";

/**
 * Notifications made more than NOTIFICATION_RETENTION_DAYS ago go with their dismissals, by their created_at index
 * (the kit's startDayRetention runs it hourly; pruneOlderThanRetention is one bounded pass). What happened stays in
 * the audit trail; a notification is only the telling of it.
 */
export const NOTIFICATION_RETENTION: DayRetention<Notification> = {
  what: "notifications",
  entity: Notification,
  key: "id",
  time: "createdAt",
  retentionDays: () => config().notificationRetentionDays,
  alongside: (manager, ids) => manager.delete(NotificationDismissal, { notificationId: In(ids) }),
};
