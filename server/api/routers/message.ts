import { z } from "zod";

import type { SessionUser } from "../../auth/session-user";
import { sendEvents, unreadEmailEvents } from "../../jobs/dispatch";
import type { ConversationViewer } from "../../messages/access";
import { listConversation, markConversationRead, postMessage } from "../../messages/conversation";
import { MAX_MESSAGE_CHARACTERS } from "../../messages/limits";
import { createRouter, protectedProcedure } from "../trpc";

const taskInput = z.object({ taskId: z.string().min(1) });

/**
 * Rejects very long bodies before the domain counts characters. The domain
 * counts code points, and this bound counts UTF-16 units. A code point takes
 * at most two units, so the bound never rejects a message the domain allows.
 */
const bodyInput = z.string().max(MAX_MESSAGE_CHARACTERS * 2, `Message must be at most ${MAX_MESSAGE_CHARACTERS.toLocaleString("en-US")} characters.`);

function viewerOf(user: SessionUser): ConversationViewer {
  return { userId: user.id, role: user.role, clientId: user.clientId, assistantId: user.assistantId };
}

/**
 * A task's conversation between its client and the assistant assigned to
 * it. Admins read and write too. Each query is scoped by who may read the
 * task, so any other task is not found.
 */
export const messageRouter = createRouter({
  /** The conversation, oldest message first, with the viewer's unread messages marked. */
  list: protectedProcedure.input(taskInput).query(({ ctx, input }) => listConversation(ctx.db, viewerOf(ctx.user), input.taskId)),

  send: protectedProcedure.input(taskInput.extend({ body: bodyInput })).mutation(async ({ ctx, input }) => {
    const posted = await postMessage(ctx.db, { viewer: viewerOf(ctx.user), taskId: input.taskId, body: input.body, now: ctx.clock.now() });
    await sendEvents(unreadEmailEvents(posted.scheduledEmails));

    return posted.message;
  }),

  /** Marks the conversation read up to `messageId`, the newest message shown. */
  markRead: protectedProcedure
    .input(taskInput.extend({ messageId: z.string().min(1) }))
    .mutation(({ ctx, input }) => markConversationRead(ctx.db, { viewer: viewerOf(ctx.user), taskId: input.taskId, messageId: input.messageId, now: ctx.clock.now() })),
});
