import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";

/**
 * Counts, per task, the messages from other people that the user has not
 * read. Tasks with none are absent from the map. The caller passes only
 * task ids the user may read.
 */
export async function unreadMessageCounts(db: Db, userId: string, taskIds: string[]): Promise<Map<string, number>> {
  if (taskIds.length === 0) {
    return new Map();
  }

  const rows = await db.$queryRaw<Array<{ task_id: string; unread: number }>>`
    SELECT m.task_id, COUNT(*)::int AS unread
    FROM messages m
    LEFT JOIN task_read_states r ON r.task_id = m.task_id AND r.user_id = ${userId}
    WHERE m.task_id IN (${Prisma.join(taskIds)})
      AND m.author_id <> ${userId}
      AND (r.last_read_at IS NULL OR m.created_at > r.last_read_at)
    GROUP BY m.task_id`;

  return new Map(rows.map((row) => [row.task_id, row.unread]));
}
