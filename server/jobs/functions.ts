import { systemClock, type Clock } from "../clock";
import { reallocateIfLapsed, sendStartReminders } from "../assignments/start-window";
import { getDb, type Db } from "../db/client";
import { sendDueTimeWarnings } from "../budget/warnings";
import { applyDueWork } from "../deadlines/due-work";
import { deliverPendingEmails } from "../email/deliver";
import { createEmailTransport, type EmailTransport } from "../email/transport";
import { expireDueOffers } from "../offers/expire-offers";
import { applyReviewDeadlines } from "../reviews/review";
import { applyBalanceExhaustion, applyTaskLimits } from "../timer/exhaustion";
import { sendUnreadMessageEmails } from "../messages/unread-email";
import { inngest } from "./client";
import { assignmentStarted, exhaustionProjected, offerWaveSent, outboxQueued, reviewOpened, unreadEmailScheduled } from "./events";

/**
 * How many warning instants one run of the warning function waits for: the
 * 80 % warning, the 10-minute warning and a cycle renewal. A later start or
 * stop sends a new event, and the every-minute cron sends anything missed.
 */
const TIME_WARNING_ROUNDS = 3;

/** Dependencies of the functions; tests pass their own database, clock and transport. */
export interface JobDependencies {
  getDb: () => Promise<Db>;
  clock: Clock;
  transport: () => EmailTransport;
}

/**
 * Builds Baton's Inngest functions. Each event-driven function sleeps until
 * a deadline stored in the database, then calls the domain operation for
 * that one row, which re-reads the row and does nothing when the state
 * changed meanwhile. Every side effect is its own named step.
 */
export function createFunctions(deps: JobDependencies) {
  const deliverSoon = outboxQueued.create({ count: 1 });

  /** Every minute, applies whatever is due: the safety net for a lost event. */
  const dueWorkCron = inngest.createFunction({ id: "apply-due-work", triggers: [{ cron: "* * * * *" }] }, async ({ step }) =>
    step.run("apply-due-work", async () => applyDueWork({ db: await deps.getDb(), now: deps.clock.now(), transport: deps.transport() })),
  );

  /** Expires a wave's offers at their expiry and sends the next wave. */
  const expireOfferWave = inngest.createFunction({ id: "expire-offer-wave", triggers: [offerWaveSent] }, async ({ event, step }) => {
    await step.sleepUntil("wait-for-offer-expiry", new Date(event.data.expiresAt));

    const result = await step.run("expire-offers-and-route", async () => expireDueOffers(await deps.getDb(), deps.clock.now(), event.data.taskId));

    if (result.expired > 0) {
      await step.sendEvent("deliver-queued-emails", deliverSoon);
    }

    return result;
  });

  /** Reminds the assistant at half the start window and reallocates the task at its end, unless the timer started. */
  const watchStartWindow = inngest.createFunction({ id: "watch-start-window", triggers: [assignmentStarted] }, async ({ event, step }) => {
    await step.sleepUntil("wait-for-start-reminder", new Date(event.data.startReminderAt));

    const reminder = await step.run("send-start-reminder", async () => sendStartReminders(await deps.getDb(), deps.clock.now(), event.data.assignmentId));

    await step.sleepUntil("wait-for-start-deadline", new Date(event.data.startBy));

    const reallocated = await step.run("reallocate-if-lapsed", async () => reallocateIfLapsed(await deps.getDb(), event.data.assignmentId, deps.clock.now()));

    if (reminder.reminded > 0 || reallocated) {
      await step.sendEvent("deliver-queued-emails", deliverSoon);
    }

    return { reminded: reminder.reminded, reallocated };
  });

  /** Stops the client's timers when the projected balance or task limit runs out. */
  const stopAtExhaustion = inngest.createFunction({ id: "stop-at-exhaustion", triggers: [exhaustionProjected] }, async ({ event, step }) => {
    const instants = [event.data.balanceExhaustsAt, event.data.limitReachedAt].filter((value): value is string => value !== null).map((value) => new Date(value));
    if (instants.length === 0) {
      return { clients: 0, timersStopped: 0, tasks: 0 };
    }
    await step.sleepUntil("wait-for-exhaustion", new Date(Math.min(...instants.map((value) => value.getTime()))));

    const balance = await step.run("stop-timers-at-balance", async () => applyBalanceExhaustion(await deps.getDb(), deps.clock.now(), event.data.clientId));
    const limits = await step.run("stop-timer-at-task-limit", async () => applyTaskLimits(await deps.getDb(), deps.clock.now(), event.data.taskId));

    if (balance.timersStopped > 0 || limits.tasks > 0) {
      await step.sendEvent("deliver-queued-emails", deliverSoon);
    }

    return { ...balance, ...limits };
  });

  /**
   * Sends the client's time warnings at their projected instants. After each
   * send it reads the next stored instant, because the first warning's send
   * projects the second one without a new event.
   */
  const sendTimeWarningsOnTime = inngest.createFunction({ id: "send-time-warnings-on-time", triggers: [exhaustionProjected] }, async ({ event, step }) => {
    let dueAt = event.data.timeWarningDueAt ?? null;
    let warnings = 0;
    for (let round = 1; dueAt !== null && round <= TIME_WARNING_ROUNDS; round += 1) {
      await step.sleepUntil(`wait-for-time-warning-${round}`, new Date(dueAt));

      const result = await step.run(`send-time-warnings-${round}`, async () => sendDueTimeWarnings(await deps.getDb(), deps.clock.now(), event.data.clientId));
      warnings += result.warnings;

      dueAt = await step.run(`read-next-time-warning-${round}`, async () => {
        const client = await (await deps.getDb()).clientAccount.findUnique({ where: { id: event.data.clientId }, select: { timeWarningDueAt: true } });

        return client?.timeWarningDueAt?.toISOString() ?? null;
      });
    }

    if (warnings > 0) {
      await step.sendEvent("deliver-queued-emails", deliverSoon);
    }

    return { warnings };
  });

  /** Sends the review reminders and approves automatically when the review period ends. */
  const watchReview = inngest.createFunction({ id: "watch-review", triggers: [reviewOpened] }, async ({ event, step }) => {
    const deadlines = [...event.data.reminderAts, event.data.autoApproveAt].map((value) => new Date(value)).sort((a, b) => a.getTime() - b.getTime());
    let approved = 0;
    for (const [index, deadline] of deadlines.entries()) {
      await step.sleepUntil(`wait-for-review-deadline-${index + 1}`, deadline);

      const result = await step.run(`apply-review-deadline-${index + 1}`, async () => applyReviewDeadlines(await deps.getDb(), deps.clock.now(), event.data.taskId));
      approved += result.approved;
    }

    await step.sendEvent("deliver-queued-emails", deliverSoon);

    return { approved };
  });

  /** Emails a participant whose unread burst is still unread when it falls due. */
  const emailUnreadMessages = inngest.createFunction({ id: "email-unread-messages", triggers: [unreadEmailScheduled] }, async ({ event, step }) => {
    await step.sleepUntil("wait-for-unread-email-due", new Date(event.data.emailDueAt));

    const result = await step.run("send-unread-message-email", async () =>
      sendUnreadMessageEmails(await deps.getDb(), deps.clock.now(), { taskId: event.data.taskId, userId: event.data.userId }),
    );

    if (result.emailed > 0) {
      await step.sendEvent("deliver-queued-emails", deliverSoon);
    }

    return result;
  });

  /** Delivers queued emails as soon as a transaction queues them. */
  const deliverOutbox = inngest.createFunction({ id: "deliver-outbox", triggers: [outboxQueued], concurrency: { limit: 1 } }, async ({ step }) =>
    step.run("deliver-pending-emails", async () => deliverPendingEmails({ db: await deps.getDb(), clock: deps.clock, transport: deps.transport() })),
  );

  return { dueWorkCron, expireOfferWave, watchStartWindow, stopAtExhaustion, sendTimeWarningsOnTime, watchReview, emailUnreadMessages, deliverOutbox };
}

/** Builds the functions the app serves at /api/inngest. */
export function appFunctions() {
  return Object.values(createFunctions({ getDb, clock: systemClock, transport: createEmailTransport }));
}
