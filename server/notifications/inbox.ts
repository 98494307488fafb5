import "server-only";

import type { Db } from "../db/client";
import { AppError } from "../errors";

/** Fields of a notification that its owner's browser receives. */
export const notificationSelect = {
  id: true,
  kind: true,
  title: true,
  body: true,
  link: true,
  createdAt: true,
  readAt: true,
} as const;

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
}

/** Returns the user's newest notifications first. */
export function listNotifications(db: Db, userId: string, options: { limit: number }): Promise<NotificationView[]> {
  return db.notification.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit,
    select: notificationSelect,
  });
}

export function countUnreadNotifications(db: Db, userId: string): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null } });
}

/**
 * Marks one of the user's notifications read and returns it. A notification
 * already read keeps its first readAt. Someone else's notification is
 * reported as not found, exactly like a missing one.
 */
export async function markNotificationRead(db: Db, userId: string, id: string, now: Date): Promise<NotificationView> {
  await db.notification.updateMany({ where: { id, userId, readAt: null }, data: { readAt: now } });

  const notification = await db.notification.findFirst({ where: { id, userId }, select: notificationSelect });
  if (!notification) {
    throw AppError.notFound("Notification");
  }

  return notification;
}

/** Marks all the user's unread notifications read and returns how many changed. */
export async function markAllNotificationsRead(db: Db, userId: string, now: Date): Promise<number> {
  const result = await db.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: now } });

  return result.count;
}
