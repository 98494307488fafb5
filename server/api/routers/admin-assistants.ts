import { z } from "zod";

import { deactivateAssistant, liftBlock, setAssistantSkills } from "../../admin/assistant-operations";
import { loadAssistantRoster } from "../../admin/roster";
import { emailEvents, sendEvents } from "../../jobs/dispatch";
import { logger } from "../../logger";
import { adminProcedure, createRouter } from "../trpc";
import { adminReason, recordId } from "./admin-inputs";

/** The admin's assistant roster. */
export const adminAssistantQueries = createRouter({
  /** Every assistant, deactivated ones too, with lapses and acceptance over the lapse window, and the skill list. */
  assistants: adminProcedure.query(async ({ ctx }) => loadAssistantRoster(ctx.db, ctx.clock.now())),
});

/** Admin actions on assistants. Each one is audited by the domain function it calls. */
export const adminAssistantActions = createRouter({
  /** Deactivates an assistant, and their open tasks go back to routing. */
  deactivateAssistant: adminProcedure.input(z.object({ assistantId: recordId, reason: adminReason })).mutation(async ({ ctx, input }) => {
    const result = await deactivateAssistant(ctx.db, { ...input, adminId: ctx.user.id, now: ctx.clock.now() });
    logger.info({ requestId: ctx.requestId, userId: ctx.user.id, assistantId: input.assistantId, tasksRerouted: result.tasksRerouted }, "assistant deactivated");
    // NOTE: the new waves of rerouted tasks are not announced, because deactivateAssistant does not return them. The every-minute cron expires those offers.
    await sendEvents(emailEvents());

    return result;
  }),

  /** Lifts an assistant's active block before it ends. */
  liftBlock: adminProcedure.input(z.object({ assistantId: recordId, reason: adminReason })).mutation(async ({ ctx, input }) => {
    await liftBlock(ctx.db, { ...input, adminId: ctx.user.id, now: ctx.clock.now() });
    logger.info({ requestId: ctx.requestId, userId: ctx.user.id, assistantId: input.assistantId }, "assistant block lifted");

    return { assistantId: input.assistantId };
  }),

  /** Replaces an assistant's skills with the given skill slugs. */
  setSkills: adminProcedure
    .input(z.object({ assistantId: recordId, skills: z.array(z.string().min(1)).max(100, "Choose at most 100 skills.") }))
    .mutation(async ({ ctx, input }) => {
      await setAssistantSkills(ctx.db, { assistantId: input.assistantId, skillSlugs: input.skills, adminId: ctx.user.id, now: ctx.clock.now() });
      logger.info({ requestId: ctx.requestId, userId: ctx.user.id, assistantId: input.assistantId }, "assistant skills changed");

      return { assistantId: input.assistantId };
    }),
});
