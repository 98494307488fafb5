import { env } from "../env.js";
import { logger } from "../logger";
import type { WaveOutcome } from "../routing/waves";
import { inngest } from "./client";
import { offerWaveSent, outboxQueued } from "./events";

/**
 * Tells Inngest about work that a committed transaction scheduled, so its
 * functions act at the exact deadline. Without Inngest the local driver
 * polls the database instead, and this does nothing. A failed send is
 * logged, not thrown: the change is committed, and the every-minute cron
 * still applies it.
 */
export async function dispatchAfterCommit(work: { taskId?: string; wave?: WaveOutcome; emailsQueued?: boolean }): Promise<void> {
  if (!env.inngestEnabled) {
    return;
  }
  const events = [];
  if (work.wave?.kind === "offered" && work.taskId) {
    events.push(offerWaveSent.create({ taskId: work.taskId, wave: work.wave.wave, expiresAt: work.wave.expiresAt.toISOString() }));
  }
  if (work.emailsQueued || work.wave) {
    events.push(outboxQueued.create({ count: 1 }));
  }
  if (events.length === 0) {
    return;
  }
  try {
    await inngest.send(events);
  } catch (error) {
    logger.error({ err: error, taskId: work.taskId }, "sending Inngest events failed; the every-minute cron will apply the work");
  }
}
