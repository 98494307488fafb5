import type { Db } from "../db/client";
import { sendNextWave } from "../routing/waves";
import { getSettings } from "../settings";

/**
 * Expires every pending offer (of one task, when `taskId` is given) whose
 * lifetime ended at or before `now`, then sends the next wave for each task
 * left without a pending offer. Safe to run twice: the second run finds
 * nothing pending and due.
 */
export async function expireDueOffers(db: Db, now: Date, taskId?: string): Promise<{ expired: number; tasksRouted: number }> {
  const settings = await getSettings(db);
  const due = await db.offer.findMany({
    where: { status: "pending", expiresAt: { lte: now }, ...(taskId ? { taskId } : {}) },
    select: { taskId: true },
    distinct: ["taskId"],
  });

  let expired = 0;
  let tasksRouted = 0;
  for (const row of due) {
    const result = await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM tasks WHERE id = ${row.taskId} FOR UPDATE`;
      const changed = await tx.offer.updateMany({
        where: { taskId: row.taskId, status: "pending", expiresAt: { lte: now } },
        data: { status: "expired", endReason: "expired", respondedAt: now },
      });
      const outcome = await sendNextWave(tx, row.taskId, now, settings);

      return { changed: changed.count, routed: outcome.kind !== "waiting" };
    });
    expired += result.changed;
    tasksRouted += result.routed ? 1 : 0;
  }

  return { expired, tasksRouted };
}
