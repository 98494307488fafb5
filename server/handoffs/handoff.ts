import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { getBalance } from "../budget/balance";
import { appUrl } from "../app-url";
import { AppError } from "../errors";
import { notify } from "../notifications/notify";
import { taskLoggedSeconds } from "../timer/projection";

/**
 * Records the assistant's handoff on a task that ran out of time: what was
 * achieved and how many more minutes it needs. The client is notified at once.
 */
export async function sendHandoff(
  db: Db,
  input: { assistantId: string; taskId: string; achieved: string; extraMinutesNeeded: number; now: Date },
): Promise<{ handoffId: string }> {
  const achieved = input.achieved.trim();
  if (achieved.length < 10 || achieved.length > 5000) {
    throw AppError.invalid("achieved", "Describe what was achieved in 10 to 5,000 characters.");
  }
  if (!Number.isInteger(input.extraMinutesNeeded) || input.extraMinutesNeeded < 0 || input.extraMinutesNeeded > 2400) {
    throw AppError.invalid("extraMinutesNeeded", "Extra minutes must be a whole number from 0 to 2400.");
  }

  return db.$transaction(async (tx) => {
    const assignment = await tx.assignment.findFirst({
      where: { taskId: input.taskId, assistantId: input.assistantId, endedAt: null },
      select: {
        task: { select: { status: true, title: true, client: { select: { user: { select: { id: true, name: true } } } } } },
        assistant: { select: { user: { select: { name: true } } } },
      },
    });
    if (!assignment) {
      throw new AppError("NOT_FOUND", "This task is not assigned to you.");
    }
    if (assignment.task.status !== "out_of_time") {
      throw new AppError("PRECONDITION_FAILED", "A handoff is sent when the task is out of time.");
    }
    const handoff = await tx.handoff.create({
      data: { taskId: input.taskId, assistantId: input.assistantId, achieved, extraMinutesNeeded: input.extraMinutesNeeded, createdAt: input.now },
      select: { id: true },
    });
    const client = assignment.task.client.user;
    await notify(tx, {
      eventKey: `handoff-received:${handoff.id}`,
      userId: client.id,
      kind: "handoff_received",
      title: "Your assistant sent a handoff",
      body: `“${assignment.task.title}” needs about ${input.extraMinutesNeeded} more minutes.`,
      link: `/client/tasks/${input.taskId}`,
      now: input.now,
      email: {
        template: "handoff-received",
        payload: {
          recipientName: client.name,
          assistantName: assignment.assistant.user.name,
          taskTitle: assignment.task.title,
          achieved,
          minutesRequested: input.extraMinutesNeeded,
          taskUrl: appUrl(`/client/tasks/${input.taskId}`),
        },
      },
    });

    return { handoffId: handoff.id };
  });
}

/**
 * Gives an out-of-time task back to its assistant when time is available
 * again: the task returns to in progress, open handoffs are resolved and the
 * assistant is told. Does nothing for a task that is not out of time, or
 * whose client or limit still has no time.
 */
export async function resumeIfTimeAvailable(tx: Prisma.TransactionClient, taskId: string, now: Date): Promise<boolean> {
  const task = await tx.task.findUniqueOrThrow({
    where: { id: taskId },
    select: {
      status: true,
      title: true,
      clientId: true,
      timeLimitSeconds: true,
      assignments: { where: { endedAt: null }, select: { assistant: { select: { user: { select: { id: true } } } } } },
    },
  });
  const assistantUser = task.assignments[0]?.assistant.user;
  if (task.status !== "out_of_time" || !assistantUser) {
    return false;
  }
  const balance = await getBalance(tx, task.clientId, now);
  const limitLeft = task.timeLimitSeconds === null ? Infinity : task.timeLimitSeconds - (await taskLoggedSeconds(tx, taskId, now));
  if (balance.remainingSeconds <= 0 || limitLeft <= 0) {
    return false;
  }

  await tx.task.update({ where: { id: taskId }, data: { status: "in_progress" } });
  await tx.handoff.updateMany({ where: { taskId, resolvedAt: null }, data: { resolvedAt: now } });
  await notify(tx, {
    eventKey: `time-added:${taskId}:${now.toISOString()}`,
    userId: assistantUser.id,
    kind: "time_added",
    title: "Time was added: you can continue",
    body: `The client added time to “${task.title}”. Start the timer to continue.`,
    link: `/assistant/tasks/${taskId}`,
    now,
  });

  return true;
}

/**
 * Approves extra minutes for one task by raising its time limit to what is
 * logged plus the minutes, when the client's balance has that much left.
 */
export async function approveExtraMinutes(db: Db, input: { clientId: string; taskId: string; minutes: number; now: Date }): Promise<{ resumed: boolean }> {
  if (!Number.isInteger(input.minutes) || input.minutes < 1 || input.minutes > 2400) {
    throw AppError.invalid("minutes", "Extra minutes must be a whole number from 1 to 2400.");
  }

  return db.$transaction(async (tx) => {
    const task = await tx.task.findFirst({ where: { id: input.taskId, clientId: input.clientId }, select: { id: true, status: true } });
    if (!task) {
      throw AppError.notFound("Task");
    }
    if (task.status !== "out_of_time") {
      throw new AppError("PRECONDITION_FAILED", "Extra minutes are approved for a task that is out of time.");
    }
    const balance = await getBalance(tx, input.clientId, input.now);
    if (balance.remainingSeconds < input.minutes * 60) {
      throw new AppError(
        "PRECONDITION_FAILED",
        `You have ${Math.floor(balance.remainingSeconds / 60)} minutes left, fewer than the ${input.minutes} requested. Buy a top-up or upgrade first.`,
      );
    }
    const logged = await taskLoggedSeconds(tx, task.id, input.now);
    await tx.task.update({ where: { id: task.id }, data: { timeLimitSeconds: logged + input.minutes * 60 } });

    return { resumed: await resumeIfTimeAvailable(tx, task.id, input.now) };
  });
}
