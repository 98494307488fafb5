import { adminOpsRouter, adminRouter } from "./routers/admin";
import { assistantRouter } from "./routers/assistant";
import { billingRouter } from "./routers/billing";
import { briefRouter } from "./routers/brief";
import { clientRouter } from "./routers/client";
import { clientTeamRouter } from "./routers/client-team";
import { messageRouter } from "./routers/message";
import { metricsRouter } from "./routers/metrics";
import { notificationRouter } from "./routers/notification";
import { offerRouter } from "./routers/offer";
import { profileRouter } from "./routers/profile";
import { reviewRouter } from "./routers/review";
import { workRouter } from "./routers/work";
import { createCallerFactory, createRouter } from "./trpc";

/** Every router of the API. Each resource has one router under ./routers. */
export const appRouter = createRouter({
  admin: adminRouter,
  adminOps: adminOpsRouter,
  assistant: assistantRouter,
  billing: billingRouter,
  brief: briefRouter,
  client: clientRouter,
  clientTeam: clientTeamRouter,
  message: messageRouter,
  metrics: metricsRouter,
  notification: notificationRouter,
  offer: offerRouter,
  profile: profileRouter,
  review: reviewRouter,
  work: workRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
