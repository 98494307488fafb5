import type { Prisma } from "../db/generated/client";
import { getBalance } from "../budget/balance";
import { refreshWarningProjection } from "../budget/warning-projection";

type Tx = Prisma.TransactionClient;

/** Seconds the task has logged, counting its running timer up to `now`. */
export async function taskLoggedSeconds(tx: Tx, taskId: string, now: Date): Promise<number> {
  const rows = await tx.$queryRaw<Array<{ used: number | null }>>`
    SELECT FLOOR(SUM(EXTRACT(EPOCH FROM (COALESCE(ended_at, ${now}) - started_at))))::float8 AS used
    FROM time_entries WHERE task_id = ${taskId}`;

  return Math.max(0, Math.floor(rows[0]?.used ?? 0));
}

/**
 * Stores when the client's running timers will use up the balance: with r
 * timers running and s seconds left, that is s / r seconds from now. Null
 * when no timer runs. Also stores when the next time warning falls due.
 * Call after every start and stop, with the client row locked, so the
 * stored instants always match the running timers.
 */
export async function refreshClientProjection(tx: Tx, clientId: string, now: Date): Promise<Date | null> {
  const balance = await getBalance(tx, clientId, now);
  const exhaustsAt =
    balance.runningTimers > 0 ? new Date(now.getTime() + Math.floor((balance.remainingSeconds * 1000) / balance.runningTimers)) : null;
  await tx.clientAccount.update({ where: { id: clientId }, data: { balanceExhaustsAt: exhaustsAt } });
  await refreshWarningProjection(tx, clientId, balance);

  return exhaustsAt;
}

/** Stores when the task's running timer reaches the task's time limit; null without a limit or a running timer. */
export async function refreshTaskProjection(tx: Tx, taskId: string, now: Date): Promise<Date | null> {
  const task = await tx.task.findUniqueOrThrow({
    where: { id: taskId },
    select: { timeLimitSeconds: true, _count: { select: { timeEntries: { where: { endedAt: null } } } } },
  });
  let limitReachedAt: Date | null = null;
  if (task.timeLimitSeconds !== null && task._count.timeEntries > 0) {
    const logged = await taskLoggedSeconds(tx, taskId, now);
    limitReachedAt = new Date(now.getTime() + Math.max(0, task.timeLimitSeconds - logged) * 1000);
  }
  await tx.task.update({ where: { id: taskId }, data: { limitReachedAt } });

  return limitReachedAt;
}

/** Locks client rows in id order, the order every timer operation uses, so two operations never deadlock. */
export async function lockClients(tx: Tx, clientIds: string[]): Promise<void> {
  for (const clientId of [...new Set(clientIds)].sort()) {
    await tx.$queryRaw`SELECT id FROM client_accounts WHERE id = ${clientId} FOR UPDATE`;
  }
}
