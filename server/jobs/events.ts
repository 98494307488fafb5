import { eventType } from "inngest";
import { z } from "zod";

/** Sent after a wave of offers is committed; the expiry job sleeps until `expiresAt`. */
export const offerWaveSent = eventType("routing/offer-wave.sent", {
  schema: z.object({
    taskId: z.string().min(1),
    wave: z.number().int().min(1),
    expiresAt: z.string(),
  }),
});

/** Sent after a transaction queues emails, so the sender runs without waiting for the cron. */
export const outboxQueued = eventType("email/outbox.queued", {
  schema: z.object({
    count: z.number().int().min(1),
  }),
});
