import type { Db } from "../db/client";
import { env } from "../env.js";
import { notify } from "../notifications/notify";
import { getSettings } from "../settings";
import { lockClients, refreshClientProjection, refreshTaskProjection } from "./projection";
import { closeEntry } from "./timer";

/**
 * Stops every timer that has run for the longest allowed time, ending it at
 * exactly start + that time, flags the entry for the assistant to confirm or
 * correct, and notifies them once.
 */
export async function stopForgottenTimers(db: Db, now: Date): Promise<{ stopped: number }> {
  const settings = await getSettings(db);
  const limitMs = settings.maxRunningTimerSeconds * 1000;
  const due = await db.timeEntry.findMany({
    where: { endedAt: null, startedAt: { lte: new Date(now.getTime() - limitMs) } },
    select: { id: true, clientId: true, taskId: true },
  });

  let stopped = 0;
  for (const row of due) {
    const closed = await db.$transaction(async (tx) => {
      await lockClients(tx, [row.clientId]);
      const entry = await tx.timeEntry.findUniqueOrThrow({
        where: { id: row.id },
        select: { startedAt: true, endedAt: true, task: { select: { title: true } }, assistant: { select: { timeZone: true, user: { select: { id: true, name: true } } } } },
      });
      if (entry.endedAt) {
        return null;
      }
      const end = new Date(entry.startedAt.getTime() + limitMs);
      const result = await closeEntry(tx, row.id, end, "watchdog", true);
      await refreshClientProjection(tx, row.clientId, now);
      await refreshTaskProjection(tx, row.taskId, now);
      if (result) {
        await notify(tx, {
          eventKey: `timer-stopped:${row.id}`,
          userId: entry.assistant.user.id,
          kind: "timer_stopped",
          title: "Your timer stopped by itself",
          body: `The timer on “${entry.task.title}” ran for ${settings.maxRunningTimerSeconds / 3600} hours and stopped. Confirm or correct the entry.`,
          link: `/assistant/tasks/${row.taskId}`,
          now,
          email: {
            template: "timer-stopped",
            payload: {
              recipientName: entry.assistant.user.name,
              taskTitle: entry.task.title,
              startedAt: entry.startedAt.toISOString(),
              stoppedAt: result.endedAt.toISOString(),
              maxRunningHours: settings.maxRunningTimerSeconds / 3600,
              timeZone: entry.assistant.timeZone,
              timeLogUrl: new URL(`/assistant/tasks/${row.taskId}`, env.APP_URL).toString(),
            },
          },
        });
      }

      return result;
    });
    stopped += closed ? 1 : 0;
  }

  return { stopped };
}
