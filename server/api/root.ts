import { createCallerFactory, createRouter } from "./trpc";

/** Every router of the API. Each resource has one router under ./routers. */
export const appRouter = createRouter({});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
