import { z } from "zod";

import { loadTaskHistory } from "../../admin/task-history";
import { cancelTask, offerTaskByHand, reassignTask } from "../../admin/task-operations";
import { loadUnroutedQueue } from "../../admin/unrouted-queue";
import { acceptedEvents, emailEvents, offerEvents, sendEvents } from "../../jobs/dispatch";
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
      // Scheduled like an accepted offer, so the reminder and the lapse come on time. sendEvents also announces the queued emails.
      await sendEvents(acceptedEvents(result));

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
    // Scheduled like a routed wave, so the offer expires on time and the next wave follows.
    await sendEvents(offerEvents(input.taskId, result));

    return result;
  }),
});
