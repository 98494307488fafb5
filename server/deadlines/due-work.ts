import type { Db } from "../db/client";
import { deliverPendingEmails } from "../email/deliver";
import type { EmailTransport } from "../email/transport";
import { reallocateLapsedAssignments, retryUnroutedTasks, sendStartReminders } from "../assignments/start-window";
import { sendDueTimeWarnings } from "../budget/warnings";
import { sendUnreadMessageEmails } from "../messages/unread-email";
import { expireDueOffers } from "../offers/expire-offers";
import { applyReviewDeadlines } from "../reviews/review";
import { applyBalanceExhaustion, applyTaskLimits } from "../timer/exhaustion";
import { stopForgottenTimers } from "../timer/watchdog";

/**
 * One time-based rule. `apply` acts on every row whose stored deadline is at
 * or before `now`, re-reading state first, so running it twice, late or out
 * of order changes nothing the second time.
 */
export interface DueRule {
  name: string;
  apply(db: Db, now: Date): Promise<Record<string, number>>;
}

/** Every time-based rule, in the order one pass applies them. */
export const DUE_RULES: DueRule[] = [
  { name: "offer-expiry", apply: (db, now) => expireDueOffers(db, now) },
  { name: "start-reminders", apply: (db, now) => sendStartReminders(db, now) },
  { name: "lapsed-assignments", apply: reallocateLapsedAssignments },
  { name: "time-warnings", apply: (db, now) => sendDueTimeWarnings(db, now) },
  { name: "balance-exhaustion", apply: (db, now) => applyBalanceExhaustion(db, now) },
  { name: "task-limits", apply: (db, now) => applyTaskLimits(db, now) },
  { name: "forgotten-timers", apply: stopForgottenTimers },
  { name: "review-deadlines", apply: (db, now) => applyReviewDeadlines(db, now) },
  { name: "unrouted-retry", apply: retryUnroutedTasks },
  { name: "unread-message-emails", apply: (db, now) => sendUnreadMessageEmails(db, now) },
];

export type DueWorkReport = Record<string, Record<string, number>>;

/**
 * Applies every rule due at `now`, then delivers the emails those rules
 * queued. Both drivers call this: Inngest's cron in production and the
 * in-process driver on the embedded default.
 */
export async function applyDueWork(options: { db: Db; now: Date; transport: EmailTransport }): Promise<DueWorkReport> {
  const { db, now, transport } = options;
  const report: DueWorkReport = {};
  for (const rule of DUE_RULES) {
    report[rule.name] = await rule.apply(db, now);
  }

  const delivery = await deliverPendingEmails({ db, clock: { now: () => now }, transport });
  report["email-delivery"] = { ...delivery };

  return report;
}
