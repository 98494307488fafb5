import type { Db } from "../db/client";
import { getSettings } from "../settings";

const DAY_SECONDS = 86_400;

/**
 * Loads what an assistant's dashboard shows about lapses: their lapses
 * inside the lapse window, newest first, the block rule's numbers, and the
 * end of the block in force, if any. The window is counted the way the
 * blocking rule counts it, from `now` back, excluding the window's start.
 */
export async function loadLapseStanding(db: Db, assistantId: string, now: Date) {
  const settings = await getSettings(db);
  const windowStart = new Date(now.getTime() - settings.lapseWindowSeconds * 1000);

  const [lapses, block] = await Promise.all([
    db.lapse.findMany({
      where: { assistantId, occurredAt: { gt: windowStart, lte: now } },
      orderBy: { occurredAt: "desc" },
      select: { id: true, occurredAt: true, task: { select: { title: true } } },
    }),
    db.block.findFirst({
      where: { assistantId, liftedAt: null, startedAt: { lte: now }, endsAt: { gt: now } },
      orderBy: { endsAt: "desc" },
      select: { endsAt: true },
    }),
  ]);

  return {
    windowDays: Math.round(settings.lapseWindowSeconds / DAY_SECONDS),
    lapsesToBlock: settings.lapsesToBlock,
    blockDays: Math.max(1, Math.round(settings.blockSeconds / DAY_SECONDS)),
    lapses: lapses.map((lapse) => ({ id: lapse.id, taskTitle: lapse.task.title, occurredAt: lapse.occurredAt })),
    blockedUntil: block?.endsAt ?? null,
  };
}
