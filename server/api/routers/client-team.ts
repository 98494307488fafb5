import { z } from "zod";

import { addTeamMember, makePrimary, removePrimary, removeTeamMember, type TeamChange, type TeamChangeResult } from "../../clients/team";
import { listClientAssistants } from "../../clients/worked-with";
import type { Db } from "../../db/client";
import { logger } from "../../logger";
import { clientProcedure, createRouter } from "../trpc";

const assistantInput = z.object({ assistantId: z.string({ error: "Choose an assistant." }).min(1, "Choose an assistant.") });

type Change = (db: Db, change: TeamChange) => Promise<TeamChangeResult>;

/** Builds a mutation that applies one change to the signed-in client's primary or team and logs it. */
function teamMutation(change: Change, logMessage: string) {
  return clientProcedure.input(assistantInput).mutation(async ({ ctx, input }) => {
    const result = await change(ctx.db, { clientId: ctx.clientId, actorUserId: ctx.user.id, assistantId: input.assistantId, now: ctx.clock.now() });
    logger.info({ requestId: ctx.requestId, userId: ctx.user.id, clientId: ctx.clientId, assistantId: input.assistantId, changed: result.changed }, logMessage);

    return result;
  });
}

/** The signed-in client's primary assistant and team, and the assistants who have worked for them. */
export const clientTeamRouter = createRouter({
  /** Lists the client's assistants with hours, tasks and ratings; `onTrial` clients can only read it. */
  overview: clientProcedure.query(async ({ ctx }) => {
    const [client, assistants] = await Promise.all([
      ctx.db.clientAccount.findUniqueOrThrow({ where: { id: ctx.clientId }, select: { subscriptions: { select: { id: true }, take: 1 } } }),
      listClientAssistants(ctx.db, ctx.clientId, ctx.clock.now()),
    ]);

    // A client who ever subscribed is no longer on the trial, even between plans.
    return { onTrial: client.subscriptions.length === 0, assistants };
  }),

  makePrimary: teamMutation(makePrimary, "primary assistant set"),
  removePrimary: teamMutation(removePrimary, "primary assistant removed"),
  addMember: teamMutation(addTeamMember, "team member added"),
  removeMember: teamMutation(removeTeamMember, "team member removed"),
});
