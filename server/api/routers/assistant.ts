import { z } from "zod";

import { loadLapseStanding } from "../../assignments/lapse-standing";
import { assistantStats } from "../../assistants/stats";
import type { Prisma } from "../../db/generated/client";
import { unreadMessageCounts } from "../../messages/unread";
import { assistantProcedure, createRouter } from "../trpc";

const offerSelect = {
  id: true,
  wave: true,
  clientOnTrial: true,
  score: true,
  scoreBreakdown: true,
  createdAt: true,
  expiresAt: true,
  task: {
    select: {
      id: true,
      title: true,
      description: true,
      dueAt: true,
      timeLimitSeconds: true,
      client: { select: { companyName: true, standingNotes: true } },
      skills: { select: { skill: { select: { slug: true, name: true } } } },
    },
  },
} satisfies Prisma.OfferSelect;

const assignmentSelect = {
  id: true,
  acceptedAt: true,
  startBy: true,
  firstStartedAt: true,
  task: { select: { id: true, title: true, status: true, client: { select: { companyName: true } } } },
} satisfies Prisma.AssignmentSelect;

/** How many completed tasks the history returns, newest first. */
const HISTORY_LIMIT = 100;

const historySelect = {
  id: true,
  title: true,
  completedAt: true,
  client: { select: { companyName: true } },
} satisfies Prisma.TaskSelect;

/** The stored "why you got this" breakdown, as the router writes it. */
const scoreBreakdownSchema = z.object({
  factors: z.record(z.string(), z.object({ value: z.number(), weight: z.number() })),
  total: z.number(),
});

/** Lists the breakdown's factors, heaviest weight first; an unreadable breakdown gives none. */
function readFactors(breakdown: Prisma.JsonValue): Array<{ name: string; value: number; weight: number }> {
  const parsed = scoreBreakdownSchema.safeParse(breakdown);
  if (!parsed.success) {
    return [];
  }

  return Object.entries(parsed.data.factors)
    .map(([name, factor]) => ({ name, ...factor }))
    .sort((a, b) => b.weight - a.weight || a.name.localeCompare(b.name));
}

/** An assistant's own offers, tasks and timer. Every query is scoped by the signed-in assistant. */
export const assistantRouter = createRouter({
  /**
   * Lists pending offers that have not expired, open assignments with the
   * time logged and the unread messages on each, the running timer, and the
   * lapses inside the lapse window with any block in force. `serverNow` lets
   * the browser correct its clock for the expiry countdowns.
   */
  overview: assistantProcedure.query(async ({ ctx }) => {
    const now = ctx.clock.now();

    const [offers, assignments, running, lapseStanding] = await Promise.all([
      ctx.db.offer.findMany({
        where: { assistantId: ctx.assistantId, status: "pending", expiresAt: { gt: now } },
        orderBy: { expiresAt: "asc" },
        select: offerSelect,
      }),
      ctx.db.assignment.findMany({
        where: { assistantId: ctx.assistantId, endedAt: null },
        orderBy: { acceptedAt: "asc" },
        select: assignmentSelect,
      }),
      ctx.db.timeEntry.findFirst({
        where: { assistantId: ctx.assistantId, endedAt: null },
        select: { startedAt: true, task: { select: { id: true, title: true } } },
      }),
      loadLapseStanding(ctx.db, ctx.assistantId, now),
    ]);
    const logged = await ctx.db.timeEntry.groupBy({
      by: ["taskId"],
      where: { assistantId: ctx.assistantId, taskId: { in: assignments.map((assignment) => assignment.task.id) }, endedAt: { not: null } },
      _sum: { seconds: true },
    });
    const loggedByTask = new Map(logged.map((row) => [row.taskId, row._sum.seconds ?? 0]));
    const unread = await unreadMessageCounts(ctx.db, ctx.user.id, assignments.map((assignment) => assignment.task.id));

    return {
      serverNow: now,
      offers: offers.map((offer) => ({
        id: offer.id,
        wave: offer.wave,
        clientOnTrial: offer.clientOnTrial,
        createdAt: offer.createdAt,
        expiresAt: offer.expiresAt,
        secondsLeft: Math.max(0, Math.floor((offer.expiresAt.getTime() - now.getTime()) / 1000)),
        score: offer.score,
        factors: readFactors(offer.scoreBreakdown),
        task: {
          id: offer.task.id,
          title: offer.task.title,
          description: offer.task.description,
          dueAt: offer.task.dueAt,
          timeLimitSeconds: offer.task.timeLimitSeconds,
          clientName: offer.task.client.companyName,
          standingNotes: offer.task.client.standingNotes,
          skills: offer.task.skills.map((row) => row.skill),
        },
      })),
      assignments: assignments.map((assignment) => ({
        id: assignment.id,
        acceptedAt: assignment.acceptedAt,
        startBy: assignment.startBy,
        started: assignment.firstStartedAt !== null,
        taskId: assignment.task.id,
        title: assignment.task.title,
        status: assignment.task.status,
        clientName: assignment.task.client.companyName,
        loggedSeconds: loggedByTask.get(assignment.task.id) ?? 0,
        unreadMessages: unread.get(assignment.task.id) ?? 0,
        runningSince: running?.task.id === assignment.task.id ? running.startedAt : null,
      })),
      runningTimer: running ? { taskId: running.task.id, title: running.task.title, startedAt: running.startedAt } : null,
      lapseStanding,
    };
  }),

  /**
   * Lists the assistant's completed tasks, newest first and at most
   * HISTORY_LIMIT of them, with the time they logged on each and every
   * review of their deliveries: approvals with the rating and comment, and
   * requests for changes with the client's note. `ratingSummary` covers
   * all their completed work, not only the tasks listed. `primaryFor` and
   * `teamOf` name the clients who chose the assistant as primary or for
   * their team.
   */
  history: assistantProcedure.query(async ({ ctx }) => {
    const completedByAssistant = { status: "completed", assignments: { some: { assistantId: ctx.assistantId, endReason: "completed" } } } satisfies Prisma.TaskWhereInput;

    const [tasks, completedCount, ratings, profile] = await Promise.all([
      ctx.db.task.findMany({
        where: completedByAssistant,
        orderBy: [{ completedAt: "desc" }, { id: "asc" }],
        take: HISTORY_LIMIT,
        select: {
          ...historySelect,
          reviews: {
            where: { delivery: { assistantId: ctx.assistantId } },
            orderBy: { createdAt: "asc" },
            select: { id: true, decision: true, rating: true, comment: true, automatic: true, createdAt: true },
          },
        },
      }),
      ctx.db.task.count({ where: completedByAssistant }),
      ctx.db.review.aggregate({
        where: { decision: "approved", rating: { not: null }, delivery: { assistantId: ctx.assistantId } },
        _avg: { rating: true },
        _count: { rating: true },
      }),
      ctx.db.assistantProfile.findUniqueOrThrow({
        where: { id: ctx.assistantId },
        select: {
          primaryFor: { select: { companyName: true }, orderBy: { companyName: "asc" } },
          teams: { select: { client: { select: { companyName: true } } }, orderBy: { client: { companyName: "asc" } } },
        },
      }),
    ]);
    const logged = await ctx.db.timeEntry.groupBy({
      by: ["taskId"],
      where: { assistantId: ctx.assistantId, taskId: { in: tasks.map((task) => task.id) }, endedAt: { not: null } },
      _sum: { seconds: true },
    });
    const loggedByTask = new Map(logged.map((row) => [row.taskId, row._sum.seconds ?? 0]));

    return {
      completedCount,
      limit: HISTORY_LIMIT,
      ratingSummary: { average: ratings._avg.rating, count: ratings._count.rating },
      primaryFor: profile.primaryFor.map((client) => client.companyName),
      teamOf: profile.teams.map((member) => member.client.companyName),
      tasks: tasks.map((task) => ({
        id: task.id,
        title: task.title,
        clientName: task.client.companyName,
        completedAt: task.completedAt,
        loggedSeconds: loggedByTask.get(task.id) ?? 0,
        reviews: task.reviews,
      })),
    };
  }),

  /**
   * Returns the signed-in assistant's own figures: trial conversion against the
   * platform's bar, offers, lapses, ratings and hours this month in their
   * time zone. It takes no input, so no assistant can ask for another's.
   */
  stats: assistantProcedure.query(({ ctx }) => assistantStats(ctx.db, ctx.assistantId, ctx.clock.now())),
});
