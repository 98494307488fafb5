import type { Db } from "../db/client";
import type { Prisma, Role, TaskStatus } from "../db/generated/client";
import { AppError } from "../errors";
import { notify } from "../notifications/notify";
import { getSettings } from "../settings";
import { readableTasks, taskPathFor, writableTasks, type ConversationViewer } from "./access";
import { parseMessageBody } from "./message-body";
import { NEVER_READ, startUnreadBurst, type ScheduledUnreadEmail } from "./unread-email";

/**
 * Maximum number of messages one read returns. They are the newest, and `olderCount` counts the rest.
 * NOTE: nothing pages back to the older messages yet, so a longer conversation shows only its newest part.
 */
export const MAX_LISTED_MESSAGES = 1_000;

/** Maximum length of a message's excerpt in an in-app notification, in characters. */
const NOTIFICATION_EXCERPT_CHARACTERS = 200;

const CLOSED_STATUSES: TaskStatus[] = ["completed", "cancelled"];

const messageSelect = {
  id: true,
  body: true,
  createdAt: true,
  authorId: true,
  author: { select: { name: true, role: true } },
} satisfies Prisma.MessageSelect;

export interface ConversationMessage {
  id: string;
  body: string;
  createdAt: Date;
  authorName: string;
  authorRole: Role;
  /** True for the viewer's own messages. */
  mine: boolean;
  /** True for another person's message that the viewer had not read before this request. */
  unread: boolean;
}

export interface Conversation {
  taskId: string;
  /** Oldest first, so the newest message is at the bottom. */
  messages: ConversationMessage[];
  /** Messages older than the ones returned, when the conversation has more than MAX_LISTED_MESSAGES. */
  olderCount: number;
  canWrite: boolean;
  /** Message that explains why the viewer cannot write, or null when they can. */
  readOnlyReason: string | null;
}

async function lastReadAt(db: Db | Prisma.TransactionClient, taskId: string, userId: string): Promise<Date> {
  const state = await db.taskReadState.findUnique({ where: { taskId_userId: { taskId, userId } }, select: { lastReadAt: true } });

  return state?.lastReadAt ?? NEVER_READ;
}

/** Explains why the viewer cannot write to a task they can read, or returns null when they can. */
async function readOnlyReason(db: Db, viewer: ConversationViewer, task: { id: string; status: TaskStatus }): Promise<string | null> {
  if (CLOSED_STATUSES.includes(task.status)) {
    return `This task is ${task.status}, so its conversation is read-only.`;
  }
  const writable = writableTasks(viewer);
  const canWrite = writable !== null && (await db.task.count({ where: { id: task.id, ...writable } })) > 0;

  return canWrite ? null : "This task is no longer assigned to you, so you can read its conversation but not write to it.";
}

/**
 * Returns the task's conversation as the viewer sees it, with each message
 * marked unread or not. A task the viewer may not read is not found.
 * Reading marks nothing read, because markConversationRead does that.
 */
export async function listConversation(db: Db, viewer: ConversationViewer, taskId: string): Promise<Conversation> {
  const scope = readableTasks(viewer);
  const task = scope ? await db.task.findFirst({ where: { id: taskId, ...scope }, select: { id: true, status: true } }) : null;
  if (!task) {
    throw AppError.notFound("Task");
  }

  const [newestFirst, total, readUpTo, reason] = await Promise.all([
    db.message.findMany({ where: { taskId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: MAX_LISTED_MESSAGES, select: messageSelect }),
    db.message.count({ where: { taskId } }),
    lastReadAt(db, taskId, viewer.userId),
    readOnlyReason(db, viewer, task),
  ]);

  const messages = newestFirst.reverse().map((message) => {
    const mine = message.authorId === viewer.userId;

    return {
      id: message.id,
      body: message.body,
      createdAt: message.createdAt,
      authorName: message.author.name,
      authorRole: message.author.role,
      mine,
      unread: !mine && message.createdAt > readUpTo,
    };
  });

  return { taskId, messages, olderCount: total - messages.length, canWrite: reason === null, readOnlyReason: reason };
}

function excerpt(text: string): string {
  const characters = [...text];

  return characters.length <= NOTIFICATION_EXCERPT_CHARACTERS ? text : `${characters.slice(0, NOTIFICATION_EXCERPT_CHARACTERS - 1).join("")}…`;
}

export interface PostedMessage {
  message: ConversationMessage;
  /** Unread bursts this message started; each needs its email job scheduled. */
  scheduledEmails: ScheduledUnreadEmail[];
}

/**
 * Adds a message to the task's conversation. The task's client and its
 * assigned assistant, except the author, each get an in-app notification at
 * once. Each also gets an unread burst, which emails them when the message
 * is still unread after the unreadMessageEmailSeconds setting. A task the
 * viewer may not read is not found. Writing to a completed or cancelled
 * task, or as an assistant no longer assigned, is PRECONDITION_FAILED.
 */
export async function postMessage(db: Db, input: { viewer: ConversationViewer; taskId: string; body: string; now: Date }): Promise<PostedMessage> {
  const { viewer, taskId, now } = input;
  const body = parseMessageBody(input.body);
  const scope = readableTasks(viewer);
  const visible = scope ? await db.task.findFirst({ where: { id: taskId, ...scope }, select: { id: true, status: true } }) : null;
  if (!visible) {
    throw AppError.notFound("Task");
  }
  const reason = await readOnlyReason(db, viewer, visible);
  if (reason) {
    throw new AppError("PRECONDITION_FAILED", reason);
  }
  const settings = await getSettings(db);
  const emailDueAt = new Date(now.getTime() + settings.unreadMessageEmailSeconds * 1000);

  return db.$transaction(async (tx) => {
    const task = await tx.task.findUniqueOrThrow({
      where: { id: taskId },
      select: {
        title: true,
        client: { select: { user: { select: { id: true } } } },
        assignments: { where: { endedAt: null }, select: { assistant: { select: { user: { select: { id: true } } } } } },
      },
    });
    const message = await tx.message.create({ data: { taskId, authorId: viewer.userId, body, createdAt: now }, select: messageSelect });

    const participants: Array<{ userId: string; role: Role }> = [
      { userId: task.client.user.id, role: "client" },
      ...task.assignments.map((assignment) => ({ userId: assignment.assistant.user.id, role: "assistant" as const })),
    ];
    const scheduledEmails: ScheduledUnreadEmail[] = [];
    for (const recipient of participants.filter((participant) => participant.userId !== viewer.userId)) {
      await notify(tx, {
        eventKey: `message:${message.id}:${recipient.userId}`,
        userId: recipient.userId,
        kind: "new_message",
        title: `New message from ${message.author.name}`,
        body: `“${task.title}”: ${excerpt(body)}`,
        link: taskPathFor(recipient.role, taskId),
        now,
      });
      const burst = await startUnreadBurst(tx, { taskId, userId: recipient.userId, emailDueAt });
      if (burst) {
        scheduledEmails.push(burst);
      }
    }

    return {
      message: { id: message.id, body: message.body, createdAt: message.createdAt, authorName: message.author.name, authorRole: message.author.role, mine: true, unread: false },
      scheduledEmails,
    };
  });
}

/**
 * Marks the conversation read up to and including `messageId`, the newest
 * message the viewer has seen, together with the in-app notifications of
 * those messages. When nothing else stays unread, the pending unread email
 * is dropped. Returns how many messages stay unread for the viewer.
 */
export async function markConversationRead(db: Db, input: { viewer: ConversationViewer; taskId: string; messageId: string; now: Date }): Promise<{ unreadCount: number }> {
  const { viewer, taskId, now } = input;
  const scope = readableTasks(viewer);
  const task = scope ? await db.task.findFirst({ where: { id: taskId, ...scope }, select: { id: true } }) : null;
  if (!task) {
    throw AppError.notFound("Task");
  }
  const seen = await db.message.findFirst({ where: { id: input.messageId, taskId }, select: { createdAt: true } });
  if (!seen) {
    throw AppError.notFound("Message");
  }

  return db.$transaction(async (tx) => {
    const key = { taskId_userId: { taskId, userId: viewer.userId } };
    await tx.taskReadState.upsert({ where: key, create: { taskId, userId: viewer.userId, lastReadAt: seen.createdAt }, update: {} });
    // Moves the mark forward only, so a late request for an older message changes nothing.
    // NOTE: the mark is an instant, so another message stored in the same millisecond as `messageId` counts as read too.
    await tx.taskReadState.updateMany({ where: { taskId, userId: viewer.userId, lastReadAt: { lt: seen.createdAt } }, data: { lastReadAt: seen.createdAt } });

    const readUpTo = await lastReadAt(tx, taskId, viewer.userId);
    const unreadCount = await tx.message.count({ where: { taskId, authorId: { not: viewer.userId }, createdAt: { gt: readUpTo } } });
    if (unreadCount === 0) {
      await tx.taskReadState.update({ where: key, data: { emailDueAt: null } });
    }
    await tx.notification.updateMany({
      where: { userId: viewer.userId, kind: "new_message", link: taskPathFor(viewer.role, taskId), readAt: null, createdAt: { lte: readUpTo } },
      data: { readAt: now },
    });

    return { unreadCount };
  });
}
