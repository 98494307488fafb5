import { z } from "zod";

import { getBalance } from "../../budget/balance";
import type { Db } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors";
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

const taskDetailSelect = {
  id: true,
  title: true,
  description: true,
  status: true,
  preference: true,
  referenceLinks: true,
  dueAt: true,
  timeLimitSeconds: true,
  createdAt: true,
  completedAt: true,
  cancelledAt: true,
  skills: { select: { skill: { select: { slug: true, name: true } } } },
  offers: { select: { wave: true, createdAt: true } },
  assignments: {
    orderBy: { acceptedAt: "asc" },
    select: {
      acceptedAt: true,
      firstStartedAt: true,
      endedAt: true,
      endReason: true,
      assistant: { select: { user: { select: { name: true } } } },
    },
  },
  handoffs: { orderBy: { createdAt: "asc" }, select: { createdAt: true, achieved: true, extraMinutesNeeded: true, resolvedAt: true } },
  deliveries: {
    orderBy: { createdAt: "asc" },
    select: {
      createdAt: true,
      note: true,
      links: true,
      review: { select: { decision: true, rating: true, comment: true, automatic: true, createdAt: true } },
    },
  },
} satisfies Prisma.TaskSelect;

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
  /** The account's hours this cycle and the newest tasks with who works on them and the time used. */
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
      })),
    };
  }),

  /** One of the client's own tasks; another client's task is reported as not found. */
  task: clientProcedure.input(z.object({ id: z.string().min(1) })).query(async ({ ctx, input }) => {
    const now = ctx.clock.now();
    const task = await ctx.db.task.findFirst({ where: { id: input.id, clientId: ctx.clientId }, select: taskDetailSelect });
    if (!task) {
      throw AppError.notFound("Task");
    }
    const running = await ctx.db.timeEntry.findFirst({ where: { taskId: task.id, endedAt: null }, select: { startedAt: true } });
    const used = await usedSecondsByTask(ctx.db, ctx.clientId, [task.id], now);

    const { skills, offers, assignments, ...brief } = task;
    const waves = new Map<number, Date>();
    for (const offer of offers) {
      const sentAt = waves.get(offer.wave);
      if (!sentAt || offer.createdAt < sentAt) {
        waves.set(offer.wave, offer.createdAt);
      }
    }

    return {
      ...brief,
      skills: skills.map((row) => row.skill),
      // The client learns when each wave went out, but not which assistants received it.
      waves: [...waves.entries()].sort(([a], [b]) => a - b).map(([wave, sentAt]) => ({ wave, sentAt })),
      assignments: assignments.map(({ assistant, ...assignment }) => ({ ...assignment, assistantName: assistant.user.name })),
      usedSeconds: used.get(task.id) ?? 0,
      runningSince: running?.startedAt ?? null,
    };
  }),
});
