import { z } from "zod";

import { loadTaskHistory } from "../../admin/task-history";
import { cancelTask, offerTaskByHand, reassignTask } from "../../admin/task-operations";
import { loadUnroutedQueue } from "../../admin/unrouted-queue";
import { acceptedEvents, emailEvents, sendEvents, waveEvents } from "../../jobs/dispatch";
import { logger } from "../../logger";
import { adminProcedure, createRouter } from "../trpc";
import { adminReason, chosenAssistantId, recordId } from "./admin-inputs";

/** The admin's task reads: the unrouted queue and one task's history. */
export const adminTaskQueries = createRouter({
  /** Tasks no assistant could be found for, longest waiting first, and the assistants an admin can offer them to. */
  unroutedQueue: adminProcedure.query(async ({ ctx }) => loadUnroutedQueue(ctx.db, ctx.clock.now())),

  /** One task's whole history: offers, assignments, time, handoffs, deliveries, emails and audit events. */
  task: adminProcedure.input(z.object({ id: recordId })).query(async ({ ctx, input }) => loadTaskHistory(ctx.db, input.id, ctx.clock.now())),
});

/** Admin actions on tasks. Each one is audited by the domain function it calls. */
export const adminTaskActions = createRouter({
  /**
   * Gives a task to another assistant. `expectedAssignmentId` is the open
   * assignment the admin saw (null when none), and a CONFLICT means it changed.
   */
  reassign: adminProcedure
    .input(z.object({ taskId: recordId, toAssistantId: chosenAssistantId, expectedAssignmentId: recordId.nullable(), reason: adminReason }))
    .mutation(async ({ ctx, input }) => {
      const result = await reassignTask(ctx.db, { ...input, adminId: ctx.user.id, now: ctx.clock.now() });
      logger.info({ requestId: ctx.requestId, userId: ctx.user.id, taskId: input.taskId, assignmentId: result.assignmentId }, "task reassigned by an admin");
      // The new assignment's start window runs from now, and sendEvents also announces the emails of withdrawn offers.
      const assignment = await ctx.db.assignment.findUniqueOrThrow({ where: { id: result.assignmentId }, select: { startBy: true, startReminderAt: true } });
      await sendEvents(acceptedEvents({ assignmentId: result.assignmentId, ...assignment }));

      return result;
    }),

  /** Cancels a task. Logged time stays billed. */
  cancel: adminProcedure.input(z.object({ taskId: recordId, reason: adminReason })).mutation(async ({ ctx, input }) => {
    await cancelTask(ctx.db, { ...input, adminId: ctx.user.id, now: ctx.clock.now() });
    logger.info({ requestId: ctx.requestId, userId: ctx.user.id, taskId: input.taskId }, "task cancelled by an admin");
    await sendEvents(emailEvents());

    return { taskId: input.taskId };
  }),

  /** Offers a task that is still looking for an assistant to one chosen assistant. */
  offerByHand: adminProcedure.input(z.object({ taskId: recordId, assistantId: chosenAssistantId, reason: adminReason })).mutation(async ({ ctx, input }) => {
    const result = await offerTaskByHand(ctx.db, { ...input, adminId: ctx.user.id, now: ctx.clock.now() });
    logger.info({ requestId: ctx.requestId, userId: ctx.user.id, taskId: input.taskId, offerId: result.offerId }, "task offered by hand");
    // Announced as a wave of one, so the offer expires on time.
    const offer = await ctx.db.offer.findUniqueOrThrow({ where: { id: result.offerId }, select: { wave: true, expiresAt: true } });
    await sendEvents(waveEvents(input.taskId, { kind: "offered", wave: offer.wave, audience: "pool", assistantIds: [input.assistantId], expiresAt: offer.expiresAt }));

    return result;
  }),
});
