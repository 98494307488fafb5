import type { Db } from "../db/client";
import type { DeclineReason } from "../db/generated/enums";
import { AppError } from "../errors";
import { sendNextWave, type WaveOutcome } from "../routing/waves";
import { getSettings } from "../settings";

export const DECLINE_REASONS = ["not_interested", "lacks_skill", "no_capacity", "other"] as const satisfies readonly DeclineReason[];

/**
 * Declines an offer. Declining carries no penalty: the reason only lowers
 * how this assistant ranks for work with the same skills. When the wave has
 * no pending offer left, the next wave goes out at once. Declining twice is
 * the same as declining once.
 */
export async function declineOffer(
  db: Db,
  input: { offerId: string; assistantId: string; reason: DeclineReason; note?: string | null; now: Date },
): Promise<{ taskId: string; wave: WaveOutcome | null }> {
  const settings = await getSettings(db);

  return db.$transaction(async (tx) => {
    const offer = await tx.offer.findFirst({
      where: { id: input.offerId, assistantId: input.assistantId },
      select: { id: true, status: true, taskId: true, expiresAt: true },
    });
    if (!offer) {
      throw AppError.notFound("Offer");
    }
    if (offer.status === "declined") {
      return { taskId: offer.taskId, wave: null };
    }
    if (offer.status !== "pending" || offer.expiresAt <= input.now) {
      throw AppError.conflict("This offer is no longer open.");
    }

    await tx.offer.update({
      where: { id: offer.id },
      data: { status: "declined", endReason: "declined", declineReason: input.reason, declineNote: input.note ?? null, respondedAt: input.now },
    });
    const wave = await sendNextWave(tx, offer.taskId, input.now, settings);

    return { taskId: offer.taskId, wave };
  });
}
