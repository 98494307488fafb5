import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { cycleAt, type BillingCycle } from "./cycle";

export interface Balance {
  cycle: BillingCycle;
  topUpSeconds: number;
  usedSeconds: number;
  /** Allowance plus top-ups minus used, never below zero. */
  remainingSeconds: number;
  runningTimers: number;
}

type Tx = Db | Prisma.TransactionClient;

/** Loads what the cycle depends on: the client's time zone, trial and the subscription in force at `now`. */
export async function loadCycle(db: Tx, clientId: string, now: Date): Promise<BillingCycle> {
  const client = await db.clientAccount.findUniqueOrThrow({
    where: { id: clientId },
    select: {
      timeZone: true,
      trialStartedAt: true,
      trialSeconds: true,
      subscriptions: {
        where: { startedAt: { lte: now }, OR: [{ endedAt: null }, { endedAt: { gt: now } }] },
        orderBy: { startedAt: "desc" },
        take: 1,
        select: { planCode: true, secondsPerCycle: true, startedAt: true },
      },
    },
  });

  return cycleAt({ ...client, subscription: client.subscriptions[0] ?? null }, now);
}

/**
 * Sums the client's logged seconds inside [start, end), counting running
 * timers up to `now` and clipping entries that cross either boundary.
 */
export async function usedSecondsBetween(db: Tx, clientId: string, start: Date, end: Date | null, now: Date): Promise<{ usedSeconds: number; runningTimers: number }> {
  const until = end && end < now ? end : now;
  const rows = await db.$queryRaw<Array<{ used: number | null; running: bigint }>>`
    SELECT
      FLOOR(SUM(EXTRACT(EPOCH FROM (LEAST(COALESCE(ended_at, ${now}), ${until}) - GREATEST(started_at, ${start})))))::float8 AS used,
      COUNT(*) FILTER (WHERE ended_at IS NULL) AS running
    FROM time_entries
    WHERE client_id = ${clientId}
      AND started_at <= ${until}
      AND COALESCE(ended_at, ${now}) > ${start}`;
  const row = rows[0];

  return { usedSeconds: Math.max(0, Math.floor(row?.used ?? 0)), runningTimers: Number(row?.running ?? 0) };
}

/** Computes the client's balance at `now`: allowance + top-ups − logged time of the current cycle. */
export async function getBalance(db: Tx, clientId: string, now: Date): Promise<Balance> {
  const cycle = await loadCycle(db, clientId, now);
  const topUps = await db.topUp.aggregate({
    where: { clientId, purchasedAt: { gte: cycle.start, lte: now, ...(cycle.end ? { lt: cycle.end } : {}) } },
    _sum: { seconds: true },
  });
  const topUpSeconds = topUps._sum.seconds ?? 0;
  const { usedSeconds, runningTimers } = await usedSecondsBetween(db, clientId, cycle.start, cycle.end, now);

  return {
    cycle,
    topUpSeconds,
    usedSeconds,
    remainingSeconds: Math.max(0, cycle.allowanceSeconds + topUpSeconds - usedSeconds),
    runningTimers,
  };
}
