import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import type { TimerStopCause } from "../db/generated/enums";
import { getBalance } from "../budget/balance";
import { AppError, isUniqueViolation } from "../errors";
import { lockClients, refreshClientProjection, refreshTaskProjection, taskLoggedSeconds } from "./projection";
import { formatForReader } from "../time/zoned";

type Tx = Prisma.TransactionClient;

export interface StoppedEntry {
  entryId: string;
  taskId: string;
  taskTitle: string;
  endedAt: Date;
  seconds: number;
}

export interface StartResult {
  entryId: string;
  startedAt: Date;
  /** The timer that was running on another task and stopped at the same instant, if any. */
  switchedFrom: StoppedEntry | null;
}

const NOT_STARTABLE: Record<string, string> = {
  in_review: "This task is in review, so its timer cannot start. The client may request changes.",
  completed: "This task is completed, so its timer cannot start.",
  cancelled: "This task was cancelled, so its timer cannot start.",
};

/**
 * Ends a running entry at `end`, but never past the instant its client's
 * balance or its task's limit ran out, so a late stop bills nothing extra.
 */
export async function closeEntry(tx: Tx, entryId: string, end: Date, cause: TimerStopCause, flagged = false): Promise<StoppedEntry | null> {
  const entry = await tx.timeEntry.findUnique({
    where: { id: entryId },
    select: {
      id: true,
      startedAt: true,
      endedAt: true,
      taskId: true,
      client: { select: { balanceExhaustsAt: true } },
      task: { select: { title: true, limitReachedAt: true } },
    },
  });
  if (!entry || entry.endedAt) {
    return null;
  }
  let endedAt = end;
  for (const cap of [entry.client.balanceExhaustsAt, entry.task.limitReachedAt]) {
    if (cap && cap < endedAt) {
      endedAt = cap;
    }
  }
  if (endedAt < entry.startedAt) {
    endedAt = entry.startedAt;
  }
  const seconds = Math.floor((endedAt.getTime() - entry.startedAt.getTime()) / 1000);
  const closed = await tx.timeEntry.updateMany({
    where: { id: entryId, endedAt: null },
    data: { endedAt, seconds, stopCause: cause, flagged },
  });
  if (closed.count === 0) {
    return null;
  }

  return { entryId, taskId: entry.taskId, taskTitle: entry.task.title, endedAt, seconds };
}

/**
 * Starts the assistant's timer on a task assigned to them. A timer running
 * on another task stops at the same instant in the same transaction. The
 * start is refused while the task is in review, completed or cancelled,
 * when the client has no time left, or when the task's limit is reached.
 * Starting again on the task whose timer runs returns that timer.
 */
export async function startTimer(db: Db, input: { assistantId: string; taskId: string; now: Date }): Promise<StartResult> {
  const { assistantId, taskId, now } = input;

  try {
    return await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM assistant_profiles WHERE id = ${assistantId} FOR UPDATE`;
      const assignment = await tx.assignment.findFirst({
        where: { taskId, assistantId, endedAt: null },
        select: {
          id: true,
          firstStartedAt: true,
          startBy: true,
          assistant: { select: { timeZone: true } },
          task: { select: { id: true, status: true, clientId: true, timeLimitSeconds: true, title: true } },
        },
      });
      if (!assignment) {
        throw new AppError("NOT_FOUND", "This task is not assigned to you.");
      }
      const task = assignment.task;
      const running = await tx.timeEntry.findFirst({ where: { assistantId, endedAt: null }, select: { id: true, taskId: true, clientId: true, startedAt: true } });
      if (running?.taskId === taskId) {
        return { entryId: running.id, startedAt: running.startedAt, switchedFrom: null };
      }
      const refusal = NOT_STARTABLE[task.status];
      if (refusal) {
        throw new AppError("PRECONDITION_FAILED", refusal);
      }
      if (!assignment.firstStartedAt && now >= assignment.startBy) {
        throw new AppError("PRECONDITION_FAILED", `The start window ended at ${formatForReader(assignment.startBy, assignment.assistant.timeZone)}, so this task is going to another assistant.`);
      }

      await lockClients(tx, [task.clientId, ...(running ? [running.clientId] : [])]);
      const switchedFrom = running ? await closeEntry(tx, running.id, now, "switched_task") : null;
      if (running) {
        await refreshClientProjection(tx, running.clientId, now);
        await refreshTaskProjection(tx, running.taskId, now);
      }

      const balance = await getBalance(tx, task.clientId, now);
      if (balance.remainingSeconds <= 0) {
        throw new AppError("PRECONDITION_FAILED", "The client has no time left, so the timer cannot start. Send a handoff with what remains.");
      }
      if (task.timeLimitSeconds !== null && (await taskLoggedSeconds(tx, taskId, now)) >= task.timeLimitSeconds) {
        throw new AppError(
          "PRECONDITION_FAILED",
          `This task reached its time limit of ${Math.round(task.timeLimitSeconds / 60)} minutes. The client can raise the limit.`,
        );
      }

      const entry = await tx.timeEntry.create({
        data: {
          taskId,
          assistantId,
          clientId: task.clientId,
          assignmentId: assignment.id,
          startedAt: now,
          coveredByPlatform: balance.cycle.kind === "trial",
        },
        select: { id: true },
      });
      if (!assignment.firstStartedAt) {
        await tx.assignment.update({ where: { id: assignment.id }, data: { firstStartedAt: now } });
      }
      await tx.task.update({ where: { id: taskId }, data: { status: "in_progress" } });
      await refreshClientProjection(tx, task.clientId, now);
      await refreshTaskProjection(tx, taskId, now);

      return { entryId: entry.id, startedAt: now, switchedFrom };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw AppError.conflict("Your timer was started from another window. Reload to see it.");
    }
    throw error;
  }
}

/** Stops the assistant's running timer, if any, and returns the entry it made. */
export async function stopTimer(db: Db, input: { assistantId: string; now: Date; cause?: TimerStopCause }): Promise<StoppedEntry | null> {
  const { assistantId, now } = input;

  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM assistant_profiles WHERE id = ${assistantId} FOR UPDATE`;
    const running = await tx.timeEntry.findFirst({ where: { assistantId, endedAt: null }, select: { id: true, clientId: true, taskId: true } });
    if (!running) {
      return null;
    }
    await lockClients(tx, [running.clientId]);
    const stopped = await closeEntry(tx, running.id, now, input.cause ?? "assistant");
    await refreshClientProjection(tx, running.clientId, now);
    await refreshTaskProjection(tx, running.taskId, now);

    return stopped;
  });
}
