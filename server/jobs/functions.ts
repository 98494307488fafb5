import { getDb } from "../db/client";
import { applyDueWork } from "../deadlines/due-work";
import { deliverPendingEmails } from "../email/deliver";
import { createEmailTransport } from "../email/transport";
import { expireDueOffers } from "../offers/expire-offers";
import { systemClock } from "../clock";
import { inngest } from "./client";
import { offerWaveSent, outboxQueued } from "./events";

/**
 * Every minute, applies whatever is due. Event-driven functions act at the
 * exact deadline; this is the safety net for an event that was lost.
 */
export const dueWorkCron = inngest.createFunction({ id: "apply-due-work", triggers: [{ cron: "* * * * *" }] }, async ({ step }) => {
  const report = await step.run("apply-due-work", async () =>
    applyDueWork({ db: await getDb(), now: systemClock.now(), transport: createEmailTransport() }),
  );

  return report;
});

/** Sleeps until a wave's offers expire, then expires them and sends the next wave. */
export const expireOfferWave = inngest.createFunction(
  { id: "expire-offer-wave", triggers: [offerWaveSent] },
  async ({ event, step }) => {
    await step.sleepUntil("wait-for-offer-expiry", new Date(event.data.expiresAt));

    const result = await step.run("expire-offers-and-route", async () => expireDueOffers(await getDb(), systemClock.now(), event.data.taskId));

    await step.sendEvent("deliver-queued-emails", outboxQueued.create({ count: 1 }));

    return result;
  },
);

/** Delivers queued emails as soon as a transaction queues them. */
export const deliverOutbox = inngest.createFunction(
  { id: "deliver-outbox", triggers: [outboxQueued], concurrency: { limit: 1 } },
  async ({ step }) =>
    step.run("deliver-pending-emails", async () =>
      deliverPendingEmails({ db: await getDb(), clock: systemClock, transport: createEmailTransport() }),
    ),
);

export const functions = [dueWorkCron, expireOfferWave, deliverOutbox];
