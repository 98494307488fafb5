import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { loadAssistants } from "./roster";

/** The unrouted queue shows the longest-waiting tasks first, up to this many. */
export const UNROUTED_LIMIT = 50;

export const unroutedTaskSelect = {
  id: true,
  title: true,
  createdAt: true,
  updatedAt: true,
  fallThroughReason: true,
  client: { select: { companyName: true } },
  skills: { select: { skill: { select: { slug: true, name: true } } } },
} satisfies Prisma.TaskSelect;

/**
 * Finds when each task last became unrouted: the time of its newest "still
 * looking" notice to the client, which routing writes at that moment.
 */
async function unroutedSinceByTask(db: Db, taskIds: string[]): Promise<Map<string, Date>> {
  if (taskIds.length === 0) {
    return new Map();
  }
  const notices = await db.notification.findMany({
    where: { OR: taskIds.map((taskId) => ({ eventKey: { startsWith: `still-looking:${taskId}:` } })) },
    orderBy: { createdAt: "asc" },
    select: { eventKey: true, createdAt: true },
  });
  const since = new Map<string, Date>();
  for (const notice of notices) {
    const taskId = notice.eventKey.split(":")[1];
    if (taskId) {
      since.set(taskId, notice.createdAt);
    }
  }

  return since;
}

/** Loads the tasks no assistant could be found for, longest waiting first, and the active assistants an admin can offer them to. */
export async function loadUnroutedQueue(db: Db, now: Date) {
  const [tasks, assistants] = await Promise.all([
    db.task.findMany({
      where: { status: "unrouted" },
      orderBy: { updatedAt: "asc" },
      take: UNROUTED_LIMIT,
      select: { ...unroutedTaskSelect, currentWave: true, offers: { select: { assistantId: true } } },
    }),
    loadAssistants(db, now, false),
  ]);
  const since = await unroutedSinceByTask(
    db,
    tasks.map((task) => task.id),
  );
  const queue = tasks.map((task) => ({
    id: task.id,
    title: task.title,
    clientName: task.client.companyName,
    submittedAt: task.createdAt,
    // NOTE: a task made unrouted without a "still looking" notice (after too many reallocations) falls back to its last update.
    unroutedSince: since.get(task.id) ?? task.updatedAt,
    fallThroughReason: task.fallThroughReason,
    wavesSent: task.currentWave,
    skills: task.skills.map((row) => row.skill),
    offeredAssistantIds: task.offers.map((offer) => offer.assistantId),
  }));

  return { limit: UNROUTED_LIMIT, tasks: queue.sort((a, b) => a.unroutedSince.getTime() - b.unroutedSince.getTime()), assistants };
}
