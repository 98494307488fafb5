import { z } from "zod";

import { buyTopUp, purchasePlan, PLAN_CODES } from "../../billing/purchase";
import { getBalance } from "../../budget/balance";
import { AppError } from "../../errors";
import { logger } from "../../logger";
import { getSettings } from "../../settings";
import { clientProcedure, createRouter } from "../trpc";

const idempotencyKey = z.string().min(8, "Purchase key is missing; reload the page.").max(100);

/** Plans, top-ups and receipts for the signed-in client. */
export const billingRouter = createRouter({
  /** The plans and top-up sizes on offer, the client's current plan and balance, and who could be primary. */
  options: clientProcedure.query(async ({ ctx }) => {
    const now = ctx.clock.now();
    const [settings, balance, client, trialHelpers] = await Promise.all([
      getSettings(ctx.db),
      getBalance(ctx.db, ctx.clientId, now),
      ctx.db.clientAccount.findUniqueOrThrow({ where: { id: ctx.clientId }, select: { primaryAssistantId: true, subscriptions: { select: { id: true }, take: 1 } } }),
      ctx.db.timeEntry.groupBy({ by: ["assistantId"], where: { clientId: ctx.clientId, coveredByPlatform: true, endedAt: { not: null } }, _sum: { seconds: true } }),
    ]);
    const names = await ctx.db.assistantProfile.findMany({
      where: { id: { in: trialHelpers.map((row) => row.assistantId) } },
      select: { id: true, user: { select: { name: true } } },
    });

    return {
      onTrial: client.subscriptions.length === 0,
      currentPlan: balance.cycle.planCode,
      remainingSeconds: balance.remainingSeconds,
      renewsAt: balance.cycle.end,
      plans: PLAN_CODES.map((code) => ({ code, seconds: settings.planSeconds[code] })),
      topUpSeconds: settings.topUpSeconds,
      primaryAssistantId: client.primaryAssistantId,
      trialAssistants: trialHelpers
        .map((row) => ({ assistantId: row.assistantId, name: names.find((name) => name.id === row.assistantId)?.user.name ?? "Assistant", trialSeconds: row._sum.seconds ?? 0 }))
        .sort((a, b) => b.trialSeconds - a.trialSeconds),
    };
  }),

  /** Subscribes or changes plan; a retried request with the same key returns the first result. */
  purchasePlan: clientProcedure
    .input(z.object({ planCode: z.enum(PLAN_CODES, { error: "Choose Starter, Standard, Pro or Team." }), idempotencyKey, primaryAssistantId: z.string().min(1).nullish() }))
    .mutation(async ({ ctx, input }) => {
      if (input.primaryAssistantId) {
        const worked = await ctx.db.timeEntry.count({ where: { clientId: ctx.clientId, assistantId: input.primaryAssistantId } });
        if (worked === 0) {
          throw AppError.invalid("primaryAssistantId", "Choose a primary assistant who has worked for you.");
        }
      }
      const result = await purchasePlan(ctx.db, { clientId: ctx.clientId, planCode: input.planCode, idempotencyKey: input.idempotencyKey, primaryAssistantId: input.primaryAssistantId ?? null, now: ctx.clock.now() });
      logger.info({ requestId: ctx.requestId, userId: ctx.user.id, purchaseId: result.purchaseId, converted: result.converted, replayed: result.replayed }, "plan purchased");

      return result;
    }),

  buyTopUp: clientProcedure.input(z.object({ seconds: z.int(), idempotencyKey })).mutation(async ({ ctx, input }) => {
    const result = await buyTopUp(ctx.db, { clientId: ctx.clientId, seconds: input.seconds, idempotencyKey: input.idempotencyKey, now: ctx.clock.now() });
    logger.info({ requestId: ctx.requestId, userId: ctx.user.id, purchaseId: result.purchaseId, replayed: result.replayed }, "top-up purchased");

    return result;
  }),

  /** One of the client's own purchases, for the receipt page. */
  receipt: clientProcedure.input(z.object({ purchaseId: z.string().min(1) })).query(async ({ ctx, input }) => {
    const purchase = await ctx.db.purchase.findFirst({
      where: { id: input.purchaseId, clientId: ctx.clientId },
      select: { id: true, kind: true, planCode: true, seconds: true, provider: true, providerRef: true, createdAt: true, client: { select: { companyName: true } } },
    });
    if (!purchase) {
      throw AppError.notFound("Purchase");
    }

    return purchase;
  }),
});
