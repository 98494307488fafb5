import { z } from "zod";

import { getBalance } from "../../budget/balance";
import type { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors";
import { sendHandoff } from "../../handoffs/handoff";
import { emailEvents, projectionEvents, reviewEvents, sendEvents } from "../../jobs/dispatch";
import { submitForReview } from "../../reviews/delivery";
import { addMissedEntry, editEntry } from "../../timer/corrections";
import { taskLoggedSeconds } from "../../timer/projection";
import { startTimer, stopTimer } from "../../timer/timer";
import { assistantProcedure, createRouter } from "../trpc";

/** An instant sent by the browser; it must carry an offset or Z so it is never read in the server's zone. */
const instant = (field: string) =>
  z.iso.datetime({ offset: true, error: `${field} must be a date and time with an offset or Z, like 2027-03-01T14:30:00+01:00.` }).transform((value) => new Date(value));

const entrySelect = {
  id: true,
  startedAt: true,
  endedAt: true,
  seconds: true,
  source: true,
  stopCause: true,
  flagged: true,
  assistant: { select: { user: { select: { name: true } } } },
  corrections: { select: { reason: true, createdAt: true, oldStartedAt: true, oldEndedAt: true, newStartedAt: true, newEndedAt: true, actor: { select: { name: true } } }, orderBy: { createdAt: "asc" } },
} satisfies Prisma.TimeEntrySelect;

const taskInput = z.object({ taskId: z.string().min(1) });

/** The assistant's work on a task assigned to them: the brief, the timer, the time log, handoffs and delivery. */
export const workRouter = createRouter({
  /** The task as its assistant sees it; a task not assigned to them is not found. */
  task: assistantProcedure.input(taskInput).query(async ({ ctx, input }) => {
    const now = ctx.clock.now();
    const task = await ctx.db.task.findFirst({
      where: { id: input.taskId, assignments: { some: { assistantId: ctx.assistantId, endedAt: null } } },
      select: {
        id: true,
        title: true,
        description: true,
        referenceLinks: true,
        dueAt: true,
        timeLimitSeconds: true,
        status: true,
        clientId: true,
        client: { select: { companyName: true, standingNotes: true } },
        skills: { select: { skill: { select: { name: true } } } },
        assignments: { where: { assistantId: ctx.assistantId, endedAt: null }, select: { startBy: true, firstStartedAt: true } },
        timeEntries: { select: entrySelect, orderBy: { startedAt: "asc" } },
        handoffs: { select: { id: true, achieved: true, extraMinutesNeeded: true, createdAt: true, resolvedAt: true }, orderBy: { createdAt: "desc" } },
        deliveries: { select: { id: true, note: true, links: true, createdAt: true, review: { select: { decision: true, rating: true, comment: true } } }, orderBy: { createdAt: "desc" } },
      },
    });
    if (!task) {
      throw AppError.notFound("Task");
    }
    const balance = await getBalance(ctx.db, task.clientId, now);
    const running = await ctx.db.timeEntry.findFirst({ where: { assistantId: ctx.assistantId, endedAt: null }, select: { taskId: true, startedAt: true } });
    const { assignments, ...visible } = task;

    return {
      ...visible,
      serverNow: now,
      startBy: assignments[0]?.startBy ?? null,
      started: assignments[0]?.firstStartedAt !== null,
      loggedSeconds: await ctx.db.$transaction((tx) => taskLoggedSeconds(tx, task.id, now)),
      clientRemainingSeconds: balance.remainingSeconds,
      runningTimer: running,
    };
  }),

  startTimer: assistantProcedure.input(taskInput).mutation(async ({ ctx, input }) => {
    const result = await startTimer(ctx.db, { assistantId: ctx.assistantId, taskId: input.taskId, now: ctx.clock.now() });
    await sendEvents(await projectionEvents(ctx.db, input.taskId));

    return result;
  }),

  stopTimer: assistantProcedure.mutation(async ({ ctx }) => {
    const stopped = await stopTimer(ctx.db, { assistantId: ctx.assistantId, now: ctx.clock.now() });

    return { stopped };
  }),

  sendHandoff: assistantProcedure
    .input(taskInput.extend({ achieved: z.string().max(5000, "What was achieved must be at most 5,000 characters."), extraMinutesNeeded: z.int("Extra minutes must be a whole number.") }))
    .mutation(async ({ ctx, input }) => {
      const result = await sendHandoff(ctx.db, { ...input, assistantId: ctx.assistantId, now: ctx.clock.now() });
      await sendEvents(emailEvents());

      return result;
    }),

  submit: assistantProcedure
    .input(
      taskInput.extend({
        note: z.string().max(10_000, "The delivery note must be at most 10,000 characters."),
        links: z.array(z.url({ protocol: /^https?$/, error: "Links must start with http:// or https://." })).max(10, "Add at most 10 links.").default([]),
        timeLogConfirmed: z.boolean(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const result = await submitForReview(ctx.db, { ...input, assistantId: ctx.assistantId, now: ctx.clock.now() });
      await sendEvents(await reviewEvents(ctx.db, input.taskId, result.autoApproveAt));

      return result;
    }),

  editEntry: assistantProcedure
    .input(z.object({ entryId: z.string().min(1), startedAt: instant("Start").optional(), endedAt: instant("End").optional(), reason: z.string().max(500, "Reason must be at most 500 characters.") }))
    .mutation(async ({ ctx, input }) => {
      await editEntry(ctx.db, { ...input, corrector: { kind: "assistant", userId: ctx.user.id, assistantId: ctx.assistantId }, now: ctx.clock.now() });

      return { saved: true };
    }),

  addEntry: assistantProcedure
    .input(taskInput.extend({ startedAt: instant("Start"), endedAt: instant("End"), reason: z.string().max(500, "Reason must be at most 500 characters.") }))
    .mutation(async ({ ctx, input }) =>
      addMissedEntry(ctx.db, { ...input, corrector: { kind: "assistant", userId: ctx.user.id, assistantId: ctx.assistantId }, now: ctx.clock.now() }),
    ),
});
