import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { trialEndingEmail, trialEndingEventKey } from "../billing/trial-nudges";
import { appUrl } from "../app-url";
import { notify } from "../notifications/notify";
import { lockClients, refreshClientProjection, refreshTaskProjection } from "./projection";
import { closeEntry, type StoppedEntry } from "./timer";

type Tx = Prisma.TransactionClient;

interface RunningEntry {
  id: string;
  taskId: string;
  task: { title: string };
  assistant: { user: { id: string; name: string } };
}

async function runningEntries(tx: Tx, where: Prisma.TimeEntryWhereInput): Promise<RunningEntry[]> {
  return tx.timeEntry.findMany({
    where: { ...where, endedAt: null },
    select: { id: true, taskId: true, task: { select: { title: true } }, assistant: { select: { user: { select: { id: true, name: true } } } } },
  });
}

/** Stops each entry at `instant`, marks its task out of time and notifies its assistant to stop work. */
async function stopAtInstant(
  tx: Tx,
  entries: RunningEntry[],
  instant: Date,
  scope: "balance" | "task_limit",
  client: { companyName: string },
): Promise<StoppedEntry[]> {
  const stopped: StoppedEntry[] = [];
  for (const entry of entries) {
    const closed = await closeEntry(tx, entry.id, instant, scope === "balance" ? "balance_exhausted" : "task_limit_reached");
    if (!closed) {
      continue;
    }
    stopped.push(closed);
    await tx.task.update({ where: { id: entry.taskId }, data: { status: "out_of_time" } });
    await notify(tx, {
      eventKey: `stop-work:${entry.id}`,
      userId: entry.assistant.user.id,
      kind: "stop_work",
      title: "Stop work: time is used up",
      body:
        scope === "balance"
          ? `${client.companyName} has no time left. Your timer on “${entry.task.title}” stopped; send a handoff.`
          : `“${entry.task.title}” reached its time limit. Your timer stopped; send a handoff.`,
      link: `/assistant/tasks/${entry.taskId}`,
      now: instant,
      email: {
        template: "stop-work",
        payload: { recipientName: entry.assistant.user.name, clientName: client.companyName, taskTitle: entry.task.title, scope, taskUrl: appUrl(`/assistant/tasks/${entry.taskId}`) },
      },
    });
  }

  return stopped;
}

/**
 * Stops every running timer of each client whose stored exhaustion instant
 * is at or before `now`, with its end at exactly that instant, whenever
 * this runs. The client's row is re-read under a lock, so a top-up or a
 * stop that moved the instant meanwhile wins.
 */
export async function applyBalanceExhaustion(db: Db, now: Date, clientId?: string): Promise<{ clients: number; timersStopped: number }> {
  const due = await db.clientAccount.findMany({ where: { balanceExhaustsAt: { lte: now }, ...(clientId ? { id: clientId } : {}) }, select: { id: true } });
  let clients = 0;
  let timersStopped = 0;
  for (const { id } of due) {
    const stopped = await db.$transaction(async (tx) => {
      await lockClients(tx, [id]);
      const client = await tx.clientAccount.findUniqueOrThrow({
        where: { id },
        select: { balanceExhaustsAt: true, companyName: true, user: { select: { id: true, name: true } } },
      });
      const instant = client.balanceExhaustsAt;
      if (!instant || instant > now) {
        return [];
      }
      const entries = await runningEntries(tx, { clientId: id });
      const result = await stopAtInstant(tx, entries, instant, "balance", client);
      for (const taskId of new Set(entries.map((entry) => entry.taskId))) {
        await refreshTaskProjection(tx, taskId, instant);
      }
      await refreshClientProjection(tx, id, instant);
      if (result.length > 0) {
        const notice = {
          userId: client.user.id,
          kind: "time_used_up",
          title: "Your hours are used up",
          body: "Every running timer stopped. Add time to let your assistants continue.",
          link: "/client/plans",
          now: instant,
        } as const;
        // A trial client gets the trial-ending nudge instead, once. Running out again after a top-up sends the usual email.
        const trialNudge = await trialEndingEmail(tx, { clientId: id, recipientName: client.user.name, stage: "used_up", now: instant });
        const nudged = trialNudge ? (await notify(tx, { ...notice, eventKey: trialEndingEventKey(id, "used_up"), email: trialNudge })).notificationCreated : false;
        if (!nudged) {
          await notify(tx, {
            ...notice,
            eventKey: `time-used-up:${id}:${instant.toISOString()}`,
            email: {
              template: "time-used-up",
              payload: { scope: "balance", recipientName: client.user.name, stoppedTaskTitles: [...new Set(result.map((entry) => entry.taskTitle))], billingUrl: appUrl("/client/plans") },
            },
          });
        }
      }

      return result;
    });
    clients += stopped.length > 0 ? 1 : 0;
    timersStopped += stopped.length;
  }

  return { clients, timersStopped };
}

/** Stops the running timer of each task whose stored limit instant is at or before `now`, at exactly that instant. */
export async function applyTaskLimits(db: Db, now: Date, taskId?: string): Promise<{ tasks: number }> {
  const due = await db.task.findMany({ where: { limitReachedAt: { lte: now }, ...(taskId ? { id: taskId } : {}) }, select: { id: true, clientId: true } });
  let tasks = 0;
  for (const row of due) {
    const stopped = await db.$transaction(async (tx) => {
      await lockClients(tx, [row.clientId]);
      const task = await tx.task.findUniqueOrThrow({
        where: { id: row.id },
        select: { limitReachedAt: true, title: true, client: { select: { companyName: true, user: { select: { id: true, name: true } } } } },
      });
      const instant = task.limitReachedAt;
      if (!instant || instant > now) {
        return [];
      }
      const result = await stopAtInstant(tx, await runningEntries(tx, { taskId: row.id }), instant, "task_limit", task.client);
      await refreshTaskProjection(tx, row.id, instant);
      await refreshClientProjection(tx, row.clientId, instant);
      if (result.length > 0) {
        await notify(tx, {
          eventKey: `task-limit-reached:${row.id}:${instant.toISOString()}`,
          userId: task.client.user.id,
          kind: "time_used_up",
          title: "A task reached its time limit",
          body: `“${task.title}” used the time you allowed. Raise the limit to let the assistant continue.`,
          link: `/client/tasks/${row.id}`,
          now: instant,
          email: {
            template: "time-used-up",
            payload: { scope: "task_limit", recipientName: task.client.user.name, taskTitle: task.title, taskUrl: appUrl(`/client/tasks/${row.id}`) },
          },
        });
      }

      return result;
    });
    tasks += stopped.length > 0 ? 1 : 0;
  }

  return { tasks };
}
