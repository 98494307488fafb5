import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { getSettings, type Settings } from "../settings";
import type { Balance } from "./balance";

type Tx = Db | Prisma.TransactionClient;

export type WarningKind = "percent_used" | "minutes_left";

export interface DueWarning {
  kind: WarningKind;
  /** The first instant at which the cycle's logged time meets the warning's threshold. */
  dueAt: Date;
}

/** A time entry's span; a running entry has no end and is assumed to keep running. */
export interface LoggedSpan {
  startedAt: Date;
  endedAt: Date | null;
}

/**
 * Returns the first instant at which the spans, clipped to the cycle, add up
 * to `targetSeconds`, or null when they never do. Running spans count as
 * running forever, so the result is a projection while any of them runs.
 * The instant is rounded up to the next millisecond, so the logged time one
 * millisecond earlier is still below the target.
 */
export function instantUsageReaches(spans: LoggedSpan[], targetSeconds: number, cycle: { start: Date; end: Date | null }): Date | null {
  const targetMs = targetSeconds * 1000;
  const cycleStart = cycle.start.getTime();
  const cycleEnd = cycle.end?.getTime() ?? Infinity;

  // Each span adds one to the rate at its start and removes one at its end.
  const changes = new Map<number, number>();
  for (const span of spans) {
    const start = Math.max(span.startedAt.getTime(), cycleStart);
    const end = Math.min(span.endedAt?.getTime() ?? Infinity, cycleEnd);
    if (end <= start) {
      continue;
    }
    changes.set(start, (changes.get(start) ?? 0) + 1);
    if (end !== Infinity) {
      changes.set(end, (changes.get(end) ?? 0) - 1);
    }
  }

  let usedMs = 0;
  let rate = 0;
  let at = -Infinity;
  for (const [instant, change] of [...changes.entries()].sort(([a], [b]) => a - b)) {
    if (rate > 0 && usedMs + rate * (instant - at) >= targetMs) {
      return new Date(at + Math.ceil((targetMs - usedMs) / rate));
    }
    usedMs += rate > 0 ? rate * (instant - at) : 0;
    rate += change;
    at = instant;
  }

  return rate > 0 ? new Date(at + Math.ceil((targetMs - usedMs) / rate)) : null;
}

/**
 * Returns the logged seconds of the cycle at which a warning falls due. The
 * balance counts whole seconds, so "80 % used" means the rounded-up 80 % of
 * the allowance, and "10 minutes left" means the allowance minus 10 minutes.
 * A threshold at or below zero falls due after the cycle's first logged
 * second, so the warning still waits for work to start.
 */
function thresholdSeconds(kind: WarningKind, allowanceSeconds: number, settings: Settings): number {
  const target = kind === "percent_used" ? Math.ceil(allowanceSeconds * settings.timeWarningUsedFraction) : allowanceSeconds - settings.timeWarningRemainingSeconds;

  return Math.max(1, target);
}

/**
 * Computes when each warning of the client's current cycle that has not
 * been sent falls due, from the time logged in the cycle and the timers
 * running at `balance`'s instant. A warning whose threshold was already met
 * is due at the instant it was met. Warnings that no running timer reaches
 * are left out.
 */
export async function projectTimeWarnings(tx: Tx, clientId: string, balance: Balance): Promise<DueWarning[]> {
  const allowanceSeconds = balance.cycle.allowanceSeconds + balance.topUpSeconds;
  if (allowanceSeconds <= 0) {
    return [];
  }
  const settings = await getSettings(tx);
  const sent = await tx.budgetWarning.findMany({ where: { clientId, cycleStart: balance.cycle.start }, select: { kind: true } });
  const unsent = (["percent_used", "minutes_left"] as const).filter((kind) => !sent.some((row) => row.kind === kind));
  if (unsent.length === 0) {
    return [];
  }

  const { start, end } = balance.cycle;
  const spans = await tx.timeEntry.findMany({
    where: { clientId, startedAt: end ? { lt: end } : undefined, OR: [{ endedAt: null }, { endedAt: { gt: start } }] },
    select: { startedAt: true, endedAt: true },
  });

  return unsent.flatMap((kind) => {
    const dueAt = instantUsageReaches(spans, thresholdSeconds(kind, allowanceSeconds, settings), balance.cycle);

    return dueAt ? [{ kind, dueAt }] : [];
  });
}

/**
 * Stores when the client's next unsent warning falls due, or null when none
 * is projected. While timers run and no warning is left in the cycle, it
 * stores the cycle's end, so the next cycle's warnings are projected then.
 * Call it with the client row locked after every change to the logged time,
 * the running timers or the allowance.
 *
 * NOTE: a change to the warning settings moves no stored instant, so it
 * applies to a client from their next timer start or stop.
 */
export async function refreshWarningProjection(tx: Tx, clientId: string, balance: Balance): Promise<Date | null> {
  const warnings = await projectTimeWarnings(tx, clientId, balance);
  const earliest = warnings.reduce<Date | null>((first, warning) => (first === null || warning.dueAt < first ? warning.dueAt : first), null);
  const dueAt = earliest ?? (balance.runningTimers > 0 ? balance.cycle.end : null);
  await tx.clientAccount.update({ where: { id: clientId }, data: { timeWarningDueAt: dueAt } });

  return dueAt;
}
