import { z } from "zod";

import { acceptedEvents, sendEvents, waveEvents } from "../../jobs/dispatch";
import { logger } from "../../logger";
import { acceptOffer } from "../../offers/accept-offer";
import { DECLINE_REASONS, declineOffer } from "../../offers/decline-offer";
import { assistantProcedure, createRouter } from "../trpc";

export const offerRouter = createRouter({
  /** Accepts an offer; a race lost to another assistant is a CONFLICT. */
  accept: assistantProcedure.input(z.object({ offerId: z.string().min(1) })).mutation(async ({ ctx, input }) => {
    const result = await acceptOffer(ctx.db, { offerId: input.offerId, assistantId: ctx.assistantId, now: ctx.clock.now() });
    logger.info({ requestId: ctx.requestId, userId: ctx.user.id, offerId: input.offerId, taskId: result.taskId }, "offer accepted");
    await sendEvents(acceptedEvents(result));

    return result;
  }),

  /** Declines an offer with a reason; this never counts against the assistant. */
  decline: assistantProcedure
    .input(
      z.object({
        offerId: z.string().min(1),
        reason: z.enum(DECLINE_REASONS, { error: "Reason must be not interested, lacks the skill, no capacity or other." }),
        note: z.string().trim().max(500, "Note must be at most 500 characters.").optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const result = await declineOffer(ctx.db, { ...input, assistantId: ctx.assistantId, now: ctx.clock.now() });
      logger.info({ requestId: ctx.requestId, userId: ctx.user.id, offerId: input.offerId, reason: input.reason }, "offer declined");
      await sendEvents(waveEvents(result.taskId, result.wave));

      return { taskId: result.taskId };
    }),
});
