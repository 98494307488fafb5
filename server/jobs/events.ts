import { eventType } from "inngest";
import { z } from "zod";

/** An instant as an ISO string, because event payloads are JSON. */
const instant = z.string().refine((value) => !Number.isNaN(Date.parse(value)), "Expected an ISO instant.");

/** Sent after a wave of offers is committed; the expiry job sleeps until `expiresAt`. */
export const offerWaveSent = eventType("routing/offer-wave.sent", {
  schema: z.object({ taskId: z.string().min(1), wave: z.number().int().min(1), expiresAt: instant }),
});

/** Sent after an offer is accepted; the start-window job sleeps until the reminder, then the deadline. */
export const assignmentStarted = eventType("work/assignment.accepted", {
  schema: z.object({ assignmentId: z.string().min(1), startReminderAt: instant, startBy: instant }),
});

/**
 * Sent after a timer starts or stops with the client's and the task's
 * projected instants. `timeWarningDueAt` may be missing from events sent
 * before warnings had their own instant.
 */
export const exhaustionProjected = eventType("budget/exhaustion.projected", {
  schema: z.object({
    clientId: z.string().min(1),
    taskId: z.string().min(1),
    balanceExhaustsAt: instant.nullable(),
    limitReachedAt: instant.nullable(),
    timeWarningDueAt: instant.nullish(),
  }),
});

/** Sent after work is submitted; the review job sleeps until the reminders and the auto-approval. */
export const reviewOpened = eventType("review/task.submitted", {
  schema: z.object({ taskId: z.string().min(1), autoApproveAt: instant, reminderAts: z.array(instant) }),
});

/** Sent when a message starts an unread burst for a participant. The job sleeps until `emailDueAt`, then emails them if the messages are still unread. */
export const unreadEmailScheduled = eventType("messages/unread-email.scheduled", {
  schema: z.object({ taskId: z.string().min(1), userId: z.string().min(1), emailDueAt: instant }),
});

/** Sent after a transaction queues emails, so the sender runs without waiting for the cron. */
export const outboxQueued = eventType("email/outbox.queued", {
  schema: z.object({ count: z.number().int().min(1) }),
});
