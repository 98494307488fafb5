import { conversionRates } from "../../metrics/conversion-rates";
import { trialFunnel } from "../../metrics/funnel";
import { operations, speedMedians, weeklyTrends } from "../../metrics/operations";
import { metricsRangeSchema } from "../../metrics/range";
import { getSettings } from "../../settings";
import { adminProcedure, createRouter } from "../trpc";

/** The admin's conversion and operations metrics over a date range. */
export const metricsRouter = createRouter({
  /**
   * Every figure of the metrics page for the half-open range [from, to):
   * the weekly trial funnel, conversion rates, speed medians, operations
   * figures and weekly trends, with the conversion bar of one in
   * `conversionBarTrialClients`. An invalid range is a BAD_REQUEST whose
   * field errors name "from" or "to".
   */
  dashboard: adminProcedure.input(metricsRangeSchema).query(async ({ ctx, input }) => {
    const [funnel, conversion, speed, ops, trends, settings] = await Promise.all([
      trialFunnel(ctx.db, input),
      conversionRates(ctx.db, input),
      speedMedians(ctx.db, input),
      operations(ctx.db, input),
      weeklyTrends(ctx.db, input),
      getSettings(ctx.db),
    ]);

    return { range: { from: input.from, to: input.to }, funnel, conversion, conversionBarTrialClients: settings.conversionBarTrialClients, speed, operations: ops, trends };
  }),
});
