import { loadAdminOverview } from "../../admin/overview";
import { adminProcedure, createRouter } from "../trpc";

/** The admin's landing figures. */
export const adminOverviewQueries = createRouter({
  /** Head counts, tasks by status, the unrouted queue and recent conversions. */
  overview: adminProcedure.query(async ({ ctx }) => loadAdminOverview(ctx.db, ctx.clock.now())),
});
