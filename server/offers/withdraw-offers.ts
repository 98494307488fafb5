import type { Prisma } from "../db/generated/client";
import type { OfferEndReason } from "../db/generated/enums";
import { env } from "../env.js";
import { notify } from "../notifications/notify";

const MESSAGES: Partial<Record<OfferEndReason, string>> = {
  taken_by_another: "Another assistant accepted this task first.",
  assistant_blocked: "Your offers were withdrawn while you are blocked from new work.",
  assistant_deactivated: "Your account was deactivated.",
  task_cancelled: "The client's task was cancelled.",
};

/**
 * Withdraws pending offers (of one task, or of one assistant) and tells each
 * assistant why. Call inside the transaction that causes the withdrawal.
 */
export async function withdrawPendingOffers(
  tx: Prisma.TransactionClient,
  input: { taskId?: string; assistantId?: string; reason: OfferEndReason; now: Date },
): Promise<number> {
  const offers = await tx.offer.findMany({
    where: { status: "pending", ...(input.taskId ? { taskId: input.taskId } : {}), ...(input.assistantId ? { assistantId: input.assistantId } : {}) },
    select: {
      id: true,
      task: { select: { title: true } },
      assistant: { select: { user: { select: { id: true, name: true, email: true } } } },
    },
  });
  if (offers.length === 0) {
    return 0;
  }
  await tx.offer.updateMany({
    where: { id: { in: offers.map((offer) => offer.id) }, status: "pending" },
    data: { status: "withdrawn", endReason: input.reason, respondedAt: input.now },
  });

  const explanation = MESSAGES[input.reason] ?? "The offer was withdrawn.";
  // A deactivated assistant can no longer sign in, so they get no email about it.
  const emailReason = input.reason === "taken_by_another" || input.reason === "task_cancelled" || input.reason === "assistant_blocked" ? input.reason : null;
  for (const offer of offers) {
    const user = offer.assistant.user;
    await notify(tx, {
      eventKey: `offer-withdrawn:${offer.id}`,
      userId: user.id,
      kind: "offer_withdrawn",
      title: "An offer was withdrawn",
      body: `“${offer.task.title}”: ${explanation}`,
      link: "/assistant",
      now: input.now,
      email: emailReason
        ? {
            to: user.email,
            template: "offer-withdrawn",
            payload: {
              recipientName: user.name,
              taskTitle: offer.task.title,
              reason: emailReason,
              dashboardUrl: new URL("/assistant", env.APP_URL).toString(),
            },
          }
        : undefined,
    });
  }

  return offers.length;
}
