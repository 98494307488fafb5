import { addMonthsClamped, startOfLocalDay, wallClock } from "../time/zoned";

export interface BillingCycle {
  kind: "trial" | "plan";
  /** First instant that counts toward this cycle. */
  start: Date;
  /** First instant of the next cycle; null for a trial, which never renews. */
  end: Date | null;
  /** Seconds the trial or plan grants for this cycle, before top-ups. */
  allowanceSeconds: number;
  planCode: string | null;
}

export interface CycleSource {
  timeZone: string;
  trialStartedAt: Date;
  trialSeconds: number;
  /** The subscription in force at `now`, if any. */
  subscription: { planCode: string; secondsPerCycle: number; startedAt: Date } | null;
}

/**
 * Returns the billing cycle that contains `now`. Plan cycles are calendar
 * months starting at local midnight of the subscription's day of the month
 * in the client's time zone, clamped to shorter months' last day; the first
 * cycle starts at the subscription instant itself.
 */
export function cycleAt(source: CycleSource, now: Date): BillingCycle {
  const subscription = source.subscription;
  if (!subscription) {
    return { kind: "trial", start: source.trialStartedAt, end: null, allowanceSeconds: source.trialSeconds, planCode: null };
  }

  const anchor = wallClock(subscription.startedAt, source.timeZone);
  const local = wallClock(now, source.timeZone);
  const boundary = (months: number) => startOfLocalDay(addMonthsClamped(anchor, months, anchor.day), source.timeZone);

  let months = Math.max(0, (local.year - anchor.year) * 12 + (local.month - anchor.month) - 1);
  while (boundary(months + 1).getTime() <= now.getTime()) {
    months += 1;
  }
  const start = months === 0 ? subscription.startedAt : boundary(months);

  return {
    kind: "plan",
    start,
    end: boundary(months + 1),
    allowanceSeconds: subscription.secondsPerCycle,
    planCode: subscription.planCode,
  };
}
