import { adminRouter } from "./routers/admin";
import { assistantRouter } from "./routers/assistant";
import { clientRouter } from "./routers/client";
import { notificationRouter } from "./routers/notification";
import { createCallerFactory, createRouter } from "./trpc";

/** Every router of the API. Each resource has one router under ./routers. */
export const appRouter = createRouter({
  admin: adminRouter,
  assistant: assistantRouter,
  client: clientRouter,
  notification: notificationRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
