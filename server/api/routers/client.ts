import { z } from "zod";

import { getBalance } from "../../budget/balance";
import type { Db } from "../../db/client";
import type { AssignmentEndReason, Prisma, ReviewDecision, TaskStatus, TimerStopCause } from "../../db/generated/client";
import { AppError } from "../../errors";
import { unreadMessageCounts } from "../../messages/unread";
import { clientProcedure, createRouter } from "../trpc";

/** How many tasks the overview lists, newest first. */
const OVERVIEW_TASK_LIMIT = 100;

/**
 * The assignment that names who is doing or did the task: an open one, or
 * the one that completed it. Lapsed and reassigned assignments are excluded.
 */
const workerAssignmentSelect = {
  where: { OR: [{ endReason: null }, { endReason: "completed" }] },
  orderBy: { acceptedAt: "desc" },
  take: 1,
  select: { assistant: { select: { user: { select: { name: true } } } } },
} satisfies Prisma.Task$assignmentsArgs;

const taskSummarySelect = {
  id: true,
  title: true,
  status: true,
  createdAt: true,
  dueAt: true,
  assignments: workerAssignmentSelect,
} satisfies Prisma.TaskSelect;

const assistantNameSelect = { select: { user: { select: { name: true } } } } as const;

const taskDetailSelect = {
  id: true,
  title: true,
  description: true,
  status: true,
  preference: true,
  referenceLinks: true,
  dueAt: true,
  timeLimitSeconds: true,
  autoApproveAt: true,
  createdAt: true,
  completedAt: true,
  cancelledAt: true,
  client: { select: { timeZone: true } },
  skills: { select: { skill: { select: { slug: true, name: true } } } },
  // Only what the timeline needs: the client never learns which assistants received an offer.
  offers: { select: { wave: true, status: true, createdAt: true, respondedAt: true } },
  assignments: {
    orderBy: { acceptedAt: "asc" },
    select: { acceptedAt: true, firstStartedAt: true, endedAt: true, endReason: true, assistant: assistantNameSelect },
  },
  handoffs: {
    orderBy: { createdAt: "asc" },
    select: { id: true, createdAt: true, achieved: true, extraMinutesNeeded: true, resolvedAt: true, assistant: assistantNameSelect },
  },
  deliveries: {
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      createdAt: true,
      note: true,
      links: true,
      assistant: assistantNameSelect,
      review: { select: { decision: true, rating: true, comment: true, automatic: true, createdAt: true } },
    },
  },
  timeEntries: {
    orderBy: { startedAt: "asc" },
    select: {
      id: true,
      startedAt: true,
      endedAt: true,
      seconds: true,
      source: true,
      stopCause: true,
      assistant: assistantNameSelect,
      corrections: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          createdAt: true,
          reason: true,
          oldStartedAt: true,
          oldEndedAt: true,
          newStartedAt: true,
          newEndedAt: true,
          actor: { select: { name: true, role: true } },
        },
      },
    },
  },
} satisfies Prisma.TaskSelect;

type TaskDetailRow = Prisma.TaskGetPayload<{ select: typeof taskDetailSelect }>;

/** One step of a task's history as the client sees it. The page chooses the words for each kind. */
export type TimelineEvent =
  | { kind: "brief_sent"; at: Date }
  | { kind: "offered"; at: Date; wave: number; assistantCount: number }
  | { kind: "accepted"; at: Date; assistantName: string }
  | { kind: "started"; at: Date; assistantName: string }
  | { kind: "reallocated"; at: Date; assistantName: string; reason: Exclude<AssignmentEndReason, "completed" | "cancelled"> }
  | { kind: "still_looking"; at: Date }
  | { kind: "out_of_time"; at: Date; cause: "balance" | "task_limit" }
  | { kind: "handoff"; at: Date; assistantName: string; extraMinutesNeeded: number }
  | { kind: "time_added"; at: Date }
  | { kind: "submitted"; at: Date; assistantName: string }
  | { kind: "review"; at: Date; decision: ReviewDecision; automatic: boolean; rating: number | null }
  | { kind: "cancelled"; at: Date };

/**
 * Orders events that share an instant, which happens when one transaction
 * records several steps or a test clock is not moved. A brief is offered
 * before it is accepted, and time runs out before the handoff is sent.
 */
const TIMELINE_ORDER: Record<TimelineEvent["kind"], number> = {
  brief_sent: 0,
  offered: 1,
  accepted: 2,
  started: 3,
  reallocated: 4,
  still_looking: 5,
  out_of_time: 6,
  handoff: 7,
  time_added: 8,
  submitted: 9,
  review: 10,
  cancelled: 11,
};

const OUT_OF_TIME_CAUSES: Partial<Record<TimerStopCause, "balance" | "task_limit">> = {
  balance_exhausted: "balance",
  task_limit_reached: "task_limit",
};

const LOOKING_STATUSES: TaskStatus[] = ["routing", "unrouted"];

/** Groups the offers by wave: when each wave went out and to how many assistants. */
function offerWaves(offers: TaskDetailRow["offers"]): TimelineEvent[] {
  const waves = new Map<number, { at: Date; assistantCount: number }>();
  for (const offer of offers) {
    const wave = waves.get(offer.wave);
    if (!wave) {
      waves.set(offer.wave, { at: offer.createdAt, assistantCount: 1 });
      continue;
    }
    wave.assistantCount += 1;
    if (offer.createdAt < wave.at) {
      wave.at = offer.createdAt;
    }
  }

  return [...waves.entries()].map(([wave, { at, assistantCount }]) => ({ kind: "offered", at, wave, assistantCount }));
}

/**
 * Returns the instant since which a routing or unrouted task has had no open offer:
 * the latest moment an offer ended or an assistant lost the task, or the
 * brief itself when nothing was ever offered.
 */
function lookingSince(task: TaskDetailRow): Date {
  let since = task.createdAt;
  const ends = [...task.offers.map((offer) => offer.respondedAt), ...task.assignments.map((assignment) => assignment.endedAt)];
  for (const end of ends) {
    if (end && end > since) {
      since = end;
    }
  }

  return since;
}

/** Builds the task's history from its stored rows, oldest first. */
export function buildTimeline(task: TaskDetailRow): TimelineEvent[] {
  const events: TimelineEvent[] = [{ kind: "brief_sent", at: task.createdAt }, ...offerWaves(task.offers)];

  for (const assignment of task.assignments) {
    const assistantName = assignment.assistant.user.name;
    events.push({ kind: "accepted", at: assignment.acceptedAt, assistantName });
    if (assignment.firstStartedAt) {
      events.push({ kind: "started", at: assignment.firstStartedAt, assistantName });
    }
    const reason = assignment.endReason;
    if (assignment.endedAt && (reason === "lapsed" || reason === "reassigned" || reason === "assistant_deactivated")) {
      events.push({ kind: "reallocated", at: assignment.endedAt, assistantName, reason });
    }
  }

  if (LOOKING_STATUSES.includes(task.status) && !task.offers.some((offer) => offer.status === "pending")) {
    events.push({ kind: "still_looking", at: lookingSince(task) });
  }

  for (const entry of task.timeEntries) {
    const cause = entry.stopCause ? OUT_OF_TIME_CAUSES[entry.stopCause] : undefined;
    if (cause && entry.endedAt) {
      events.push({ kind: "out_of_time", at: entry.endedAt, cause });
    }
  }

  for (const handoff of task.handoffs) {
    events.push({ kind: "handoff", at: handoff.createdAt, assistantName: handoff.assistant.user.name, extraMinutesNeeded: handoff.extraMinutesNeeded });
    if (handoff.resolvedAt) {
      events.push({ kind: "time_added", at: handoff.resolvedAt });
    }
  }

  for (const delivery of task.deliveries) {
    events.push({ kind: "submitted", at: delivery.createdAt, assistantName: delivery.assistant.user.name });
    const review = delivery.review;
    if (review) {
      events.push({ kind: "review", at: review.createdAt, decision: review.decision, automatic: review.automatic, rating: review.rating });
    }
  }

  if (task.cancelledAt) {
    events.push({ kind: "cancelled", at: task.cancelledAt });
  }

  return events.sort((a, b) => a.at.getTime() - b.at.getTime() || TIMELINE_ORDER[a.kind] - TIMELINE_ORDER[b.kind]);
}

/** Seconds an entry bills: its stored length, or a running timer's time up to `now`. */
function entrySeconds(entry: { startedAt: Date; endedAt: Date | null; seconds: number | null }, now: Date): number {
  if (entry.endedAt) {
    return entry.seconds ?? Math.floor((entry.endedAt.getTime() - entry.startedAt.getTime()) / 1000);
  }

  return Math.max(0, Math.floor((now.getTime() - entry.startedAt.getTime()) / 1000));
}

/** Maps the time log for the client: every entry with who logged it, and every correction with who made it. */
function timeLogOf(entries: TaskDetailRow["timeEntries"], now: Date) {
  return entries.map((entry) => ({
    id: entry.id,
    startedAt: entry.startedAt,
    endedAt: entry.endedAt,
    seconds: entrySeconds(entry, now),
    source: entry.source,
    assistantName: entry.assistant.user.name,
    corrections: entry.corrections.map(({ actor, ...correction }) => ({
      ...correction,
      actorName: actor.name,
      actorRole: actor.role,
    })),
  }));
}

/**
 * Sums the logged seconds of each task, counting a running timer up to
 * `now`. Tasks without time are absent from the map.
 */
async function usedSecondsByTask(db: Db, clientId: string, taskIds: string[], now: Date): Promise<Map<string, number>> {
  const [finished, running] = await Promise.all([
    db.timeEntry.groupBy({
      by: ["taskId"],
      where: { clientId, taskId: { in: taskIds }, endedAt: { not: null } },
      _sum: { seconds: true },
    }),
    db.timeEntry.findMany({ where: { clientId, taskId: { in: taskIds }, endedAt: null }, select: { taskId: true, startedAt: true } }),
  ]);

  const used = new Map(finished.map((row) => [row.taskId, row._sum.seconds ?? 0]));
  for (const entry of running) {
    const elapsed = Math.max(0, Math.floor((now.getTime() - entry.startedAt.getTime()) / 1000));
    used.set(entry.taskId, (used.get(entry.taskId) ?? 0) + elapsed);
  }

  return used;
}

/** A client's own account and tasks. Every query is scoped by the signed-in client. */
export const clientRouter = createRouter({
  /** The account's hours this cycle and the newest tasks with who works on them, the time used and the unread messages. */
  overview: clientProcedure.query(async ({ ctx }) => {
    const now = ctx.clock.now();

    const [account, balance, tasks] = await Promise.all([
      ctx.db.clientAccount.findUniqueOrThrow({ where: { id: ctx.clientId }, select: { companyName: true } }),
      getBalance(ctx.db, ctx.clientId, now),
      ctx.db.task.findMany({
        where: { clientId: ctx.clientId },
        orderBy: { createdAt: "desc" },
        take: OVERVIEW_TASK_LIMIT,
        select: taskSummarySelect,
      }),
    ]);
    const planCode = balance.cycle.planCode;
    const plan = planCode ? await ctx.db.plan.findUnique({ where: { code: planCode }, select: { name: true } }) : null;
    const used = await usedSecondsByTask(ctx.db, ctx.clientId, tasks.map((task) => task.id), now);
    const unread = await unreadMessageCounts(ctx.db, ctx.user.id, tasks.map((task) => task.id));

    return {
      account: {
        companyName: account.companyName,
        onTrial: balance.cycle.kind === "trial",
        planName: plan?.name ?? planCode,
        allowanceSeconds: balance.cycle.allowanceSeconds,
        topUpSeconds: balance.topUpSeconds,
        usedSeconds: balance.usedSeconds,
        remainingSeconds: balance.remainingSeconds,
        runningTimers: balance.runningTimers,
        cycleStart: balance.cycle.start,
        cycleEnd: balance.cycle.end,
      },
      tasks: tasks.map((task) => ({
        id: task.id,
        title: task.title,
        status: task.status,
        createdAt: task.createdAt,
        dueAt: task.dueAt,
        assistantName: task.assignments[0]?.assistant.user.name ?? null,
        usedSeconds: used.get(task.id) ?? 0,
        unreadMessages: unread.get(task.id) ?? 0,
      })),
    };
  }),

  /**
   * One of the client's own tasks with its history, time log, handoffs,
   * deliveries and the client's time left. Another client's task is
   * reported as not found.
   */
  task: clientProcedure.input(z.object({ id: z.string().min(1) })).query(async ({ ctx, input }) => {
    const now = ctx.clock.now();
    const task = await ctx.db.task.findFirst({ where: { id: input.id, clientId: ctx.clientId }, select: taskDetailSelect });
    if (!task) {
      throw AppError.notFound("Task");
    }
    const balance = await getBalance(ctx.db, ctx.clientId, now);

    const { client, skills, offers: _offers, assignments, handoffs, deliveries, timeEntries, ...brief } = task;
    const timeLog = timeLogOf(timeEntries, now);
    // The assistant doing or done with the task; lapsed and reassigned assistants no longer count.
    const worker = assignments.filter((assignment) => assignment.endReason === null || assignment.endReason === "completed").at(-1);

    return {
      ...brief,
      timeZone: client.timeZone,
      skills: skills.map((row) => row.skill),
      assistantName: worker?.assistant.user.name ?? null,
      timeline: buildTimeline(task),
      handoffs: handoffs.map(({ assistant, ...handoff }) => ({ ...handoff, assistantName: assistant.user.name })),
      deliveries: deliveries.map(({ assistant, ...delivery }) => ({ ...delivery, assistantName: assistant.user.name })),
      timeLog,
      usedSeconds: timeLog.reduce((sum, entry) => sum + entry.seconds, 0),
      runningSince: timeLog.find((entry) => entry.endedAt === null)?.startedAt ?? null,
      balance: { onTrial: balance.cycle.kind === "trial", remainingSeconds: balance.remainingSeconds },
    };
  }),
});
