import { z } from "zod";

import {
  countUnreadNotifications,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from "../../notifications/inbox";
import { createRouter, protectedProcedure } from "../trpc";

const listInput = z
  .object({
    limit: z.number().int().min(1).max(100).default(20),
  })
  .default({ limit: 20 });

/** The signed-in user's own in-app notifications. */
export const notificationRouter = createRouter({
  list: protectedProcedure.input(listInput).query(({ ctx, input }) => listNotifications(ctx.db, ctx.user.id, input)),

  unreadCount: protectedProcedure.query(({ ctx }) => countUnreadNotifications(ctx.db, ctx.user.id)),

  markRead: protectedProcedure
    .input(z.object({ id: z.string().min(1) }))
    .mutation(({ ctx, input }) => markNotificationRead(ctx.db, ctx.user.id, input.id, ctx.clock.now())),

  markAllRead: protectedProcedure.mutation(async ({ ctx }) => {
    const count = await markAllNotificationsRead(ctx.db, ctx.user.id, ctx.clock.now());

    return { count };
  }),
});
