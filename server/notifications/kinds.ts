/**
 * Every kind of in-app notification, stored in Notification.kind; the app
 * picks icons and wording by kind. Most kinds pair with an email template
 * of the same name in kebab case; task_accepted, still_looking and
 * time_added are in-app only.
 */
export const NOTIFICATION_KINDS = [
  "offer_available",
  "offer_withdrawn",
  "task_accepted",
  "task_assigned",
  "task_reassigned",
  "start_reminder",
  "reallocated",
  "blocked",
  "still_looking",
  "time_low",
  "time_used_up",
  "stop_work",
  "handoff_received",
  "ready_for_review",
  "changes_requested",
  "approved",
  "review_reminder",
  "unrouted_task",
  "new_message",
  "welcome",
  "timer_stopped",
  "time_added",
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
