import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { appUrl } from "../app-url";
import { getBalance } from "../budget/balance";
import { notify } from "../notifications/notify";
import { withdrawPendingOffers } from "../offers/withdraw-offers";
import { sendNextWave } from "../routing/waves";
import { getSettings, type Settings } from "../settings";
import { formatForReader } from "../time/zoned";

type Tx = Prisma.TransactionClient;

const DAY_MS = 86_400_000;

/** Sends the start reminder of each unstarted assignment (or of one) whose reminder instant has passed, once. */
export async function sendStartReminders(db: Db, now: Date, assignmentId?: string): Promise<{ reminded: number }> {
  const due = await db.assignment.findMany({
    where: { endedAt: null, firstStartedAt: null, reminderSentAt: null, startReminderAt: { lte: now }, startBy: { gt: now }, ...(assignmentId ? { id: assignmentId } : {}) },
    select: { id: true },
  });
  let reminded = 0;
  for (const { id } of due) {
    const sent = await db.$transaction(async (tx) => {
      const claimed = await tx.assignment.updateMany({
        where: { id, endedAt: null, firstStartedAt: null, reminderSentAt: null },
        data: { reminderSentAt: now },
      });
      if (claimed.count === 0) {
        return false;
      }
      const assignment = await tx.assignment.findUniqueOrThrow({
        where: { id },
        select: { startBy: true, taskId: true, task: { select: { title: true } }, assistant: { select: { timeZone: true, user: { select: { id: true, name: true } } } } },
      });
      await notify(tx, {
        eventKey: `start-reminder:${id}`,
        userId: assignment.assistant.user.id,
        kind: "start_reminder",
        title: "Start the timer soon",
        body: `Start the timer on “${assignment.task.title}” before the window ends, or the task goes to another assistant.`,
        link: `/assistant/tasks/${assignment.taskId}`,
        now,
        email: {
          template: "start-reminder",
          payload: {
            recipientName: assignment.assistant.user.name,
            taskTitle: assignment.task.title,
            startBy: assignment.startBy.toISOString(),
            timeZone: assignment.assistant.timeZone,
            taskUrl: appUrl(`/assistant/tasks/${assignment.taskId}`),
          },
        },
      });

      return true;
    });
    reminded += sent ? 1 : 0;
  }

  return { reminded };
}

/**
 * Blocks the assistant when their lapses within the window reach the
 * threshold: pending offers are withdrawn, started work stays theirs.
 */
async function blockIfRepeated(tx: Tx, input: { assistantId: string; at: Date; settings: Settings }): Promise<{ lapseCount: number; blocked: boolean }> {
  const { assistantId, at, settings } = input;
  const lapseCount = await tx.lapse.count({ where: { assistantId, occurredAt: { gt: new Date(at.getTime() - settings.lapseWindowSeconds * 1000), lte: at } } });
  if (lapseCount < settings.lapsesToBlock) {
    return { lapseCount, blocked: false };
  }
  const active = await tx.block.count({ where: { assistantId, liftedAt: null, endsAt: { gt: at } } });
  if (active > 0) {
    return { lapseCount, blocked: false };
  }

  const endsAt = new Date(at.getTime() + settings.blockSeconds * 1000);
  const reason = `${lapseCount} tasks were reallocated within ${Math.round(settings.lapseWindowSeconds / 86_400)} days because the timer did not start in time.`;
  const block = await tx.block.create({ data: { assistantId, reason, startedAt: at, endsAt }, select: { id: true } });
  await withdrawPendingOffers(tx, { assistantId, reason: "assistant_blocked", now: at });
  const assistant = await tx.assistantProfile.findUniqueOrThrow({ where: { id: assistantId }, select: { timeZone: true, user: { select: { id: true, name: true } } } });
  await notify(tx, {
    eventKey: `blocked:${block.id}`,
    userId: assistant.user.id,
    kind: "blocked",
    title: "You are paused from new offers",
    body: `${reason} New offers resume on ${formatForReader(endsAt, assistant.timeZone)}.`,
    link: "/assistant",
    now: at,
    email: {
      template: "blocked",
      payload: { recipientName: assistant.user.name, blockedUntil: endsAt.toISOString(), timeZone: assistant.timeZone, reason, dashboardUrl: appUrl("/assistant") },
    },
  });
  await tx.auditEvent.create({
    data: { action: "assistant.blocked", entityType: "assistant", entityId: assistantId, after: { endsAt: endsAt.toISOString(), lapseCount }, reason, createdAt: at },
  });

  return { lapseCount, blocked: true };
}

/**
 * Reallocates one assignment whose start window ended without a timer
 * start. Re-reads the assignment under the task's lock: a timer started
 * before the deadline, or an assignment already ended by someone else,
 * leaves everything as it is. Returns whether it reallocated.
 */
export async function reallocateIfLapsed(db: Db, assignmentId: string, now: Date): Promise<boolean> {
  const settings = await getSettings(db);

  return db.$transaction(async (tx) => {
    const head = await tx.assignment.findUnique({ where: { id: assignmentId }, select: { taskId: true } });
    if (!head) {
      return false;
    }
    await tx.$queryRaw`SELECT id FROM tasks WHERE id = ${head.taskId} FOR UPDATE`;
    const assignment = await tx.assignment.findUniqueOrThrow({
      where: { id: assignmentId },
      select: {
        endedAt: true,
        startBy: true,
        firstStartedAt: true,
        assistantId: true,
        assistant: { select: { user: { select: { id: true, name: true } } } },
        task: { select: { id: true, title: true, reallocationCount: true, status: true, clientId: true, client: { select: { userId: true } } } },
      },
    });
    const startedInTime = assignment.firstStartedAt !== null && assignment.firstStartedAt < assignment.startBy;
    if (assignment.endedAt || startedInTime || assignment.startBy > now) {
      return false;
    }

    // The timer cannot start while the client has no time left, so the window restarts instead of costing the assistant a lapse.
    if (assignment.firstStartedAt === null && (await getBalance(tx, assignment.task.clientId, now)).remainingSeconds <= 0) {
      const windowMs = settings.startWindowSeconds * 1000;
      await tx.assignment.update({
        where: { id: assignmentId },
        data: { startBy: new Date(now.getTime() + windowMs), startReminderAt: new Date(now.getTime() + windowMs * settings.startReminderFraction) },
      });

      return false;
    }

    // Compare-and-set on the open assignment, so the first operation to end it wins.
    const ended = await tx.assignment.updateMany({ where: { id: assignmentId, endedAt: null }, data: { endedAt: assignment.startBy, endReason: "lapsed" } });
    if (ended.count === 0) {
      return false;
    }
    await tx.lapse.create({ data: { assistantId: assignment.assistantId, taskId: assignment.task.id, assignmentId, occurredAt: assignment.startBy } });
    const reallocations = assignment.task.reallocationCount + 1;
    const giveUp = reallocations > settings.maxReallocations;
    await tx.task.update({ where: { id: assignment.task.id }, data: { reallocationCount: reallocations, status: giveUp ? "unrouted" : "routing" } });
    await tx.auditEvent.create({
      data: {
        action: "task.reallocated",
        entityType: "task",
        entityId: assignment.task.id,
        before: { assistantId: assignment.assistantId },
        after: { reallocations, status: giveUp ? "unrouted" : "routing" },
        reason: "The timer did not start within the start window.",
        createdAt: now,
      },
    });

    const { lapseCount } = await blockIfRepeated(tx, { assistantId: assignment.assistantId, at: assignment.startBy, settings });
    await notify(tx, {
      eventKey: `reallocated:${assignmentId}`,
      userId: assignment.assistant.user.id,
      kind: "reallocated",
      title: "You lost a task because the timer did not start",
      body: `“${assignment.task.title}” went back to routing because its timer did not start in time.`,
      link: "/assistant",
      now,
      email: {
        template: "reallocated",
        payload: {
          recipientName: assignment.assistant.user.name,
          taskTitle: assignment.task.title,
          lapseCount,
          lapsesToBlock: settings.lapsesToBlock,
          windowDays: Math.round(settings.lapseWindowSeconds / 86_400),
          blockDays: Math.max(1, Math.round((settings.blockSeconds * 1000) / DAY_MS)),
          dashboardUrl: appUrl("/assistant"),
        },
      },
    });
    await notify(tx, {
      eventKey: `finding-another:${assignmentId}`,
      userId: assignment.task.client.userId,
      kind: "still_looking",
      title: "We are finding another assistant",
      body: `The assistant on “${assignment.task.title}” did not start in time, so we are finding another one.`,
      link: `/client/tasks/${assignment.task.id}`,
      now,
    });

    if (!giveUp) {
      await sendNextWave(tx, assignment.task.id, now, settings);
    }

    return true;
  });
}

/** Reallocates every assignment whose start window ended without a start. */
export async function reallocateLapsedAssignments(db: Db, now: Date): Promise<{ reallocated: number }> {
  const due = await db.assignment.findMany({
    where: { endedAt: null, startBy: { lte: now }, OR: [{ firstStartedAt: null }, { firstStartedAt: { gte: db.assignment.fields.startBy } }] },
    select: { id: true },
  });
  let reallocated = 0;
  for (const { id } of due) {
    reallocated += (await reallocateIfLapsed(db, id, now)) ? 1 : 0;
  }

  return { reallocated };
}

/** Tries unrouted tasks again, so an assistant who became available (or unblocked) gets them. */
export async function retryUnroutedTasks(db: Db, now: Date): Promise<{ routed: number }> {
  const settings = await getSettings(db);
  const tasks = await db.task.findMany({ where: { status: "unrouted", reallocationCount: { lte: settings.maxReallocations } }, select: { id: true } });
  let routed = 0;
  for (const { id } of tasks) {
    const outcome = await db.$transaction(async (tx) => {
      const reopened = await tx.task.updateMany({ where: { id, status: "unrouted" }, data: { status: "routing" } });
      if (reopened.count === 0) {
        return null;
      }

      return sendNextWave(tx, id, now, settings);
    });
    routed += outcome?.kind === "offered" ? 1 : 0;
  }

  return { routed };
}
