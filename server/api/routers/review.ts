import { z } from "zod";

import { approveExtraMinutes } from "../../handoffs/handoff";
import { emailEvents, sendEvents } from "../../jobs/dispatch";
import { approveWork, requestChanges } from "../../reviews/review";
import { clientProcedure, createRouter } from "../trpc";

const taskInput = z.object({ taskId: z.string().min(1) });

/** The client's decisions on a task: approve or request changes, and approve extra minutes after a handoff. */
export const reviewRouter = createRouter({
  approve: clientProcedure
    .input(taskInput.extend({ rating: z.int().min(1, "Rating must be from 1 to 5.").max(5, "Rating must be from 1 to 5.").nullish(), comment: z.string().max(2000, "Comment must be at most 2,000 characters.").nullish() }))
    .mutation(async ({ ctx, input }) => {
      await approveWork(ctx.db, { ...input, clientId: ctx.clientId, reviewerId: ctx.user.id, now: ctx.clock.now() });
      await sendEvents(emailEvents());

      return { approved: true };
    }),

  requestChanges: clientProcedure.input(taskInput.extend({ note: z.string().max(5000, "Note must be at most 5,000 characters.") })).mutation(async ({ ctx, input }) => {
    await requestChanges(ctx.db, { ...input, clientId: ctx.clientId, reviewerId: ctx.user.id, now: ctx.clock.now() });
    await sendEvents(emailEvents());

    return { requested: true };
  }),

  approveExtraMinutes: clientProcedure.input(taskInput.extend({ minutes: z.int("Minutes must be a whole number.") })).mutation(async ({ ctx, input }) => {
    const result = await approveExtraMinutes(ctx.db, { ...input, clientId: ctx.clientId, now: ctx.clock.now() });
    await sendEvents(emailEvents());

    return result;
  }),
});
