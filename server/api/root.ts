import { notificationRouter } from "./routers/notification";
import { createCallerFactory, createRouter } from "./trpc";

/** Every router of the API. Each resource has one router under ./routers. */
export const appRouter = createRouter({
  notification: notificationRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
