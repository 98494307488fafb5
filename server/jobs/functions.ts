import { systemClock, type Clock } from "../clock";
import { getDb, type Db } from "../db/client";
import { applyDueWork } from "../deadlines/due-work";
import { deliverPendingEmails } from "../email/deliver";
import { createEmailTransport, type EmailTransport } from "../email/transport";
import { expireDueOffers } from "../offers/expire-offers";
import { inngest } from "./client";
import { offerWaveSent, outboxQueued } from "./events";

/** What the functions act on; tests pass their own database, clock and transport. */
export interface JobDependencies {
  getDb: () => Promise<Db>;
  clock: Clock;
  transport: () => EmailTransport;
}

export function createFunctions(deps: JobDependencies) {
  /**
   * Every minute, applies whatever is due. Event-driven functions act at the
   * exact deadline; this is the safety net for an event that was lost.
   */
  const dueWorkCron = inngest.createFunction({ id: "apply-due-work", triggers: [{ cron: "* * * * *" }] }, async ({ step }) =>
    step.run("apply-due-work", async () => applyDueWork({ db: await deps.getDb(), now: deps.clock.now(), transport: deps.transport() })),
  );

  /** Sleeps until a wave's offers expire, then expires them and sends the next wave. */
  const expireOfferWave = inngest.createFunction({ id: "expire-offer-wave", triggers: [offerWaveSent] }, async ({ event, step }) => {
    await step.sleepUntil("wait-for-offer-expiry", new Date(event.data.expiresAt));

    const result = await step.run("expire-offers-and-route", async () => expireDueOffers(await deps.getDb(), deps.clock.now(), event.data.taskId));

    if (result.expired > 0) {
      await step.sendEvent("deliver-queued-emails", outboxQueued.create({ count: 1 }));
    }

    return result;
  });

  /** Delivers queued emails as soon as a transaction queues them. */
  const deliverOutbox = inngest.createFunction({ id: "deliver-outbox", triggers: [outboxQueued], concurrency: { limit: 1 } }, async ({ step }) =>
    step.run("deliver-pending-emails", async () => deliverPendingEmails({ db: await deps.getDb(), clock: deps.clock, transport: deps.transport() })),
  );

  return { dueWorkCron, expireOfferWave, deliverOutbox };
}

/** The functions the app serves at /api/inngest. */
export function appFunctions() {
  return Object.values(createFunctions({ getDb, clock: systemClock, transport: createEmailTransport }));
}
