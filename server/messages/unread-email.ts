import { appUrl } from "../app-url";
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { enqueueEmail } from "../email/outbox";
import { taskPathFor } from "./access";

type Tx = Prisma.TransactionClient;

/** lastReadAt of a participant who has not opened the conversation yet: every message counts as unread. */
export const NEVER_READ = new Date(0);

/** A pending unread-message email: the recipient and the instant it is due. */
export interface ScheduledUnreadEmail {
  taskId: string;
  userId: string;
  emailDueAt: Date;
}

/**
 * Starts an unread burst for the recipient when none is pending: the email
 * falls due at `dueAt` unless they read the conversation first. A burst
 * already pending keeps its earlier instant, so three messages left unread
 * send one email. Returns the burst when this call started it.
 */
export async function startUnreadBurst(tx: Tx, input: ScheduledUnreadEmail): Promise<ScheduledUnreadEmail | null> {
  const { taskId, userId, emailDueAt } = input;

  const updated = await tx.taskReadState.updateMany({ where: { taskId, userId, emailDueAt: null }, data: { emailDueAt } });
  if (updated.count === 1) {
    return input;
  }

  const created = await tx.taskReadState.createMany({ data: [{ taskId, userId, lastReadAt: NEVER_READ, emailDueAt }], skipDuplicates: true });

  return created.count === 1 ? input : null;
}

/** Returns whether the user takes part in the task's conversation now, as its client or its assigned assistant. */
async function isParticipant(tx: Tx, taskId: string, userId: string): Promise<boolean> {
  const count = await tx.task.count({
    where: {
      id: taskId,
      OR: [{ client: { userId } }, { assignments: { some: { endedAt: null, assistant: { userId } } } }],
    },
  });

  return count > 0;
}

/**
 * Queues the email for one burst whose instant has come. The burst is
 * claimed by clearing emailDueAt only where it still contains the instant
 * that was read, so a second run, or a read in between, sends nothing. No
 * email goes out when every message has been read or the recipient no
 * longer takes part in the task. Returns whether an email was queued.
 */
async function emailBurst(db: Db, burst: ScheduledUnreadEmail, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const claimed = await tx.taskReadState.updateMany({
      where: { taskId: burst.taskId, userId: burst.userId, emailDueAt: burst.emailDueAt },
      data: { emailDueAt: null },
    });
    if (claimed.count === 0 || !(await isParticipant(tx, burst.taskId, burst.userId))) {
      return false;
    }

    const state = await tx.taskReadState.findUniqueOrThrow({ where: { taskId_userId: { taskId: burst.taskId, userId: burst.userId } }, select: { lastReadAt: true } });
    const unread = { taskId: burst.taskId, authorId: { not: burst.userId }, createdAt: { gt: state.lastReadAt } } satisfies Prisma.MessageWhereInput;
    const [unreadCount, latest] = await Promise.all([
      tx.message.count({ where: unread }),
      tx.message.findFirst({ where: unread, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { body: true, author: { select: { name: true } } } }),
    ]);
    if (unreadCount === 0 || !latest) {
      return false;
    }

    const [recipient, task] = await Promise.all([
      tx.user.findUniqueOrThrow({ where: { id: burst.userId }, select: { name: true, email: true, role: true } }),
      tx.task.findUniqueOrThrow({ where: { id: burst.taskId }, select: { title: true } }),
    ]);

    return enqueueEmail(tx, {
      eventKey: `unread-messages:${burst.taskId}:${burst.userId}:${burst.emailDueAt.toISOString()}`,
      to: recipient.email,
      template: "new-message",
      payload: {
        recipientName: recipient.name,
        senderName: latest.author.name,
        taskTitle: task.title,
        unreadCount,
        latestMessage: latest.body,
        taskUrl: appUrl(taskPathFor(recipient.role, burst.taskId)),
      },
      now,
    });
  });
}

/**
 * Emails every participant whose unread burst fell due at or before `now`,
 * or only the one burst of `target`. Each burst sends at most one email.
 */
export async function sendUnreadMessageEmails(db: Db, now: Date, target?: { taskId: string; userId: string }): Promise<{ emailed: number }> {
  const due = await db.taskReadState.findMany({
    where: { emailDueAt: { lte: now }, ...(target ? { taskId: target.taskId, userId: target.userId } : {}) },
    orderBy: { emailDueAt: "asc" },
    select: { taskId: true, userId: true, emailDueAt: true },
  });

  let emailed = 0;
  for (const row of due) {
    if (row.emailDueAt && (await emailBurst(db, { taskId: row.taskId, userId: row.userId, emailDueAt: row.emailDueAt }, now))) {
      emailed += 1;
    }
  }

  return { emailed };
}
