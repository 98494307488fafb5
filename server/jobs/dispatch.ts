import type { Db } from "../db/client";
import type { ScheduledUnreadEmail } from "../messages/unread-email";
import { env } from "../env.js";
import { logger } from "../logger";
import type { WaveOutcome } from "../routing/waves";
import { getSettings } from "../settings";
import { inngest } from "./client";
import { assignmentStarted, exhaustionProjected, offerWaveSent, outboxQueued, reviewOpened, unreadEmailScheduled } from "./events";

type OutgoingEvent =
  | ReturnType<typeof outboxQueued.create>
  | ReturnType<typeof offerWaveSent.create>
  | ReturnType<typeof assignmentStarted.create>
  | ReturnType<typeof exhaustionProjected.create>
  | ReturnType<typeof reviewOpened.create>
  | ReturnType<typeof unreadEmailScheduled.create>;

/**
 * Tells Inngest about work that a committed transaction scheduled, so its
 * functions act at the exact deadline. Without Inngest the local driver
 * polls the database instead, and this does nothing. A failed send is
 * logged, not thrown: the change is committed, and the every-minute cron
 * still applies it.
 */
export async function sendEvents(events: OutgoingEvent[]): Promise<void> {
  if (!env.inngestEnabled || events.length === 0) {
    return;
  }
  try {
    await inngest.send([...events, outboxQueued.create({ count: 1 })]);
  } catch (error) {
    logger.error({ err: error, events: events.map((event) => event.name) }, "sending Inngest events failed; the every-minute cron will apply the work");
  }
}

/** Events for a wave of offers that was just sent, if one was. */
export function waveEvents(taskId: string, wave: WaveOutcome | null | undefined): OutgoingEvent[] {
  return wave?.kind === "offered" ? offerEvents(taskId, wave) : [];
}

/** Events for offers of one wave that were just made, so they expire at `expiresAt`. An admin's offer by hand is a wave of one. */
export function offerEvents(taskId: string, offers: { wave: number; expiresAt: Date }): OutgoingEvent[] {
  return [offerWaveSent.create({ taskId, wave: offers.wave, expiresAt: offers.expiresAt.toISOString() })];
}

/** Emails were queued and nothing else was scheduled. */
export function emailEvents(): OutgoingEvent[] {
  return [outboxQueued.create({ count: 1 })];
}

export function acceptedEvents(assignment: { assignmentId: string; startReminderAt: Date; startBy: Date }): OutgoingEvent[] {
  return [assignmentStarted.create({ assignmentId: assignment.assignmentId, startReminderAt: assignment.startReminderAt.toISOString(), startBy: assignment.startBy.toISOString() })];
}

/** Reads the projections a timer start or stop stored and announces them. */
export async function projectionEvents(db: Db, taskId: string): Promise<OutgoingEvent[]> {
  const task = await db.task.findUnique({
    where: { id: taskId },
    select: { clientId: true, limitReachedAt: true, client: { select: { balanceExhaustsAt: true, timeWarningDueAt: true } } },
  });
  if (!task) {
    return [];
  }

  return [
    exhaustionProjected.create({
      clientId: task.clientId,
      taskId,
      balanceExhaustsAt: task.client.balanceExhaustsAt?.toISOString() ?? null,
      limitReachedAt: task.limitReachedAt?.toISOString() ?? null,
      timeWarningDueAt: task.client.timeWarningDueAt?.toISOString() ?? null,
    }),
  ];
}

export async function reviewEvents(db: Db, taskId: string, autoApproveAt: Date): Promise<OutgoingEvent[]> {
  const settings = await getSettings(db);
  const reminderAts = settings.reviewReminderSecondsBefore
    .filter((seconds) => seconds < settings.autoApproveSeconds)
    .map((seconds) => new Date(autoApproveAt.getTime() - seconds * 1000).toISOString());

  return [reviewOpened.create({ taskId, autoApproveAt: autoApproveAt.toISOString(), reminderAts })];
}

/** Events for the unread bursts that a new message started, one per recipient. */
export function unreadEmailEvents(bursts: ScheduledUnreadEmail[]): OutgoingEvent[] {
  return bursts.map((burst) => unreadEmailScheduled.create({ taskId: burst.taskId, userId: burst.userId, emailDueAt: burst.emailDueAt.toISOString() }));
}
