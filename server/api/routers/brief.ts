import { z } from "zod";

import { briefInputSchema } from "../../briefs/brief-input";
import { getBalance } from "../../budget/balance";
import { createTaskFromBrief } from "../../briefs/submit-brief";
import { sendEvents, waveEvents } from "../../jobs/dispatch";
import { logger } from "../../logger";
import { clientProcedure, createRouter, protectedProcedure } from "../trpc";

const skillSelect = { slug: true, name: true, category: true } as const;

export const briefRouter = createRouter({
  /** The skill list a brief picks from, grouped by category in the UI. */
  skills: protectedProcedure.query(({ ctx }) =>
    ctx.db.skill.findMany({ select: skillSelect, orderBy: [{ category: "asc" }, { name: "asc" }] }),
  ),

  /** Returns what the brief form needs about the client: trial or plan, primary, team size, time left. */
  context: clientProcedure.query(async ({ ctx }) => {
    const now = ctx.clock.now();
    const [client, balance] = await Promise.all([
      ctx.db.clientAccount.findUniqueOrThrow({
        where: { id: ctx.clientId },
        select: { primaryAssistantId: true, subscriptions: { select: { id: true }, take: 1 }, _count: { select: { team: true } } },
      }),
      getBalance(ctx.db, ctx.clientId, now),
    ]);

    // A client who ever subscribed is no longer on the trial, even between plans.
    return {
      onTrial: client.subscriptions.length === 0,
      hasPrimary: client.primaryAssistantId !== null,
      teamSize: client._count.team,
      remainingSeconds: balance.remainingSeconds,
    };
  }),

  /** Creates the task and sends its first wave; field errors come back per field. */
  submit: clientProcedure.input(briefInputSchema).mutation(async ({ ctx, input }) => {
    const result = await createTaskFromBrief(ctx.db, { clientId: ctx.clientId, brief: input, now: ctx.clock.now() });
    logger.info({ requestId: ctx.requestId, userId: ctx.user.id, taskId: result.taskId, routing: result.routing.kind }, "brief submitted");
    await sendEvents(waveEvents(result.taskId, result.routing));

    return { taskId: result.taskId, routing: result.routing.kind };
  }),

  /** The client's standing notes, shown to every assistant on every task. */
  notes: clientProcedure.query(async ({ ctx }) => {
    const client = await ctx.db.clientAccount.findUniqueOrThrow({ where: { id: ctx.clientId }, select: { standingNotes: true } });

    return client.standingNotes;
  }),

  saveNotes: clientProcedure
    .input(z.object({ standingNotes: z.string().max(5000, "Standing notes must be at most 5,000 characters.") }))
    .mutation(async ({ ctx, input }) => {
      await ctx.db.clientAccount.update({ where: { id: ctx.clientId }, data: { standingNotes: input.standingNotes.trim() } });

      return { saved: true };
    }),
});
