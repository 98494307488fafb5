import type { OfferPlan, TaskScenario } from "./scenarios";

/**
 * Turns a scenario into instants, working backwards from its last event so
 * that the newest events sit just before the seed's "now" and pending offers
 * and start windows are still open. Small offsets vary with the brief's
 * index so tasks do not all share the same minute.
 */

const MINUTE_MS = 60_000;
const SECOND_MS = 1_000;
/** Gap between two finished entries of the same task. */
const ENTRY_GAP_MS = 40 * MINUTE_MS;
/** Gap between the last finished entry and the timer now running. */
const BEFORE_RUNNING_GAP_MS = 30 * MINUTE_MS;
const DELIVERY_AFTER_LAST_ENTRY_MS = 5 * MINUTE_MS;
const HANDOFF_AFTER_STOP_MS = 12 * MINUTE_MS;
/** How long a cancelled task sat unrouted before the client cancelled it. */
const UNROUTED_BEFORE_CANCEL_MS = 6 * 60 * MINUTE_MS;
const LAPSED_ACCEPT_DELAY_MS = 3 * MINUTE_MS;

export interface TimingSettings {
  offerLifetimeSeconds: number;
  startWindowSeconds: number;
  startReminderFraction: number;
}

export interface TimedOffer {
  plan: OfferPlan;
  respondedAt: Date | null;
}

export interface TimedWave {
  createdAt: Date;
  expiresAt: Date;
  offers: TimedOffer[];
}

export interface TimedAssignment {
  acceptedAt: Date;
  startBy: Date;
  startReminderAt: Date;
}

export interface TaskTimeline {
  submittedAt: Date;
  waves: TimedWave[];
  /** The worker's assignment; null while no assistant has accepted the task. */
  assignment: TimedAssignment | null;
  /** Assignments that lapsed, keyed by the assistant's local part. */
  lapses: Map<string, TimedAssignment>;
  entries: Array<{ startedAt: Date; endedAt: Date; seconds: number }>;
  runningSince: Date | null;
  handoffAt: Date | null;
  deliveredAt: Date | null;
  reviewedAt: Date | null;
  cancelledAt: Date | null;
  lastEventAt: Date;
}

const WORKER_STATUSES = new Set(["assigned", "in_progress", "out_of_time", "in_review", "completed"]);

function assignmentFrom(acceptedAt: Date, settings: TimingSettings): TimedAssignment {
  const windowMs = settings.startWindowSeconds * SECOND_MS;

  return {
    acceptedAt,
    startBy: new Date(acceptedAt.getTime() + windowMs),
    startReminderAt: new Date(acceptedAt.getTime() + Math.round(windowMs * settings.startReminderFraction)),
  };
}

/** Instant of a decline, one minute after the wave plus 20 seconds per position. */
function declineOffsetMs(position: number): number {
  return MINUTE_MS + position * 20 * SECOND_MS;
}

/** Time from a wave going out to the next wave, for a wave in which no offer was accepted. */
function unsuccessfulWaveDurationMs(wave: OfferPlan[], settings: TimingSettings): number {
  if (wave.some((offer) => offer.outcome === "lapsed")) {
    return LAPSED_ACCEPT_DELAY_MS + settings.startWindowSeconds * SECOND_MS + MINUTE_MS;
  }
  if (wave.some((offer) => offer.outcome === "expired")) {
    return settings.offerLifetimeSeconds * SECOND_MS + MINUTE_MS;
  }

  return declineOffsetMs(wave.length - 1) + MINUTE_MS;
}

export function layoutTask(scenario: TaskScenario, index: number, now: Date, settings: TimingSettings): TaskTimeline {
  const at = (ms: number) => new Date(ms);
  const anchor = now.getTime() - scenario.endMinutesAgo * MINUTE_MS;
  const plannedWaves = scenario.waves ?? [];
  const lastWave = plannedWaves.at(-1) ?? [];
  const needsWorker = WORKER_STATUSES.has(scenario.status);
  const finalAcceptances = lastWave.filter((offer) => offer.outcome === "accepted").length;
  if (finalAcceptances !== (needsWorker ? 1 : 0)) {
    throw new Error(`Brief ${index}: status ${scenario.status} needs ${needsWorker ? "exactly one" : "no"} accepted offer in its last wave.`);
  }

  let reviewedAt: number | null = null;
  let deliveredAt: number | null = null;
  let handoffAt: number | null = null;
  let runningSince: number | null = null;
  let lastEntryEnd: number | null = null;
  let acceptedAt: number | null = null;
  let cancelledAt: number | null = null;
  let lastWaveEnd: number | null = null;
  let lastWaveStart: number | null = null;

  switch (scenario.status) {
    case "completed":
      reviewedAt = anchor;
      deliveredAt = anchor - (60 + (index % 5) * 45) * MINUTE_MS;
      lastEntryEnd = deliveredAt - DELIVERY_AFTER_LAST_ENTRY_MS;
      break;
    case "in_review":
      deliveredAt = anchor;
      lastEntryEnd = deliveredAt - DELIVERY_AFTER_LAST_ENTRY_MS;
      break;
    case "out_of_time":
      lastEntryEnd = anchor;
      handoffAt = anchor + HANDOFF_AFTER_STOP_MS;
      break;
    case "in_progress":
      if (scenario.runningMinutes !== undefined) {
        runningSince = anchor;
        lastEntryEnd = anchor - BEFORE_RUNNING_GAP_MS;
      } else {
        lastEntryEnd = anchor;
      }
      break;
    case "assigned":
      acceptedAt = anchor;
      break;
    case "routing":
      lastWaveStart = anchor;
      break;
    case "unrouted":
      lastWaveEnd = anchor;
      break;
    case "cancelled":
      cancelledAt = anchor;
      lastWaveEnd = anchor - UNROUTED_BEFORE_CANCEL_MS;
      break;
  }
  if (runningSince !== null && scenario.runningMinutes !== scenario.endMinutesAgo) {
    throw new Error(`Brief ${index}: a running timer starts at the scenario's last event, so runningMinutes must equal endMinutesAgo.`);
  }

  // Finished entries, newest first while laying out, then put back in order.
  const entries: TaskTimeline["entries"] = [];
  let entryEnd = lastEntryEnd;
  for (const seconds of [...(scenario.entrySeconds ?? [])].reverse()) {
    if (entryEnd === null) {
      throw new Error(`Brief ${index}: status ${scenario.status} cannot have finished time entries.`);
    }
    const startedAt = entryEnd - seconds * SECOND_MS;
    entries.unshift({ startedAt: at(startedAt), endedAt: at(entryEnd), seconds });
    entryEnd = startedAt - ENTRY_GAP_MS;
  }

  if (needsWorker && acceptedAt === null) {
    const firstWorkStart = entries[0]?.startedAt.getTime() ?? runningSince;
    if (firstWorkStart === null || firstWorkStart === undefined) {
      throw new Error(`Brief ${index}: status ${scenario.status} needs time entries or a running timer.`);
    }
    acceptedAt = firstWorkStart - (4 + (index % 4)) * MINUTE_MS;
  }
  if (acceptedAt !== null) {
    lastWaveStart = acceptedAt - (2 + (index % 5)) * MINUTE_MS;
  }
  if (lastWaveStart === null && lastWaveEnd !== null && plannedWaves.length > 0) {
    lastWaveStart = lastWaveEnd - unsuccessfulWaveDurationMs(lastWave, settings);
  }

  // Waves, newest first while laying out.
  const waveStarts: number[] = [];
  let waveStart = lastWaveStart;
  for (let position = plannedWaves.length - 1; position >= 0; position -= 1) {
    if (waveStart === null) {
      throw new Error(`Brief ${index}: cannot place the waves of status ${scenario.status}.`);
    }
    waveStarts.unshift(waveStart);
    const earlier = plannedWaves[position - 1];
    if (earlier) {
      waveStart -= unsuccessfulWaveDurationMs(earlier, settings);
    }
  }

  const lapses = new Map<string, TimedAssignment>();
  const waves: TimedWave[] = plannedWaves.map((wave, position) => {
    const createdAt = waveStarts[position] ?? 0;
    const acceptedInWave = wave.some((offer) => offer.outcome === "accepted");
    const offers = wave.map((plan, offerPosition): TimedOffer => {
      switch (plan.outcome) {
        case "declined":
          return { plan, respondedAt: at(createdAt + declineOffsetMs(offerPosition)) };
        case "accepted":
          return { plan, respondedAt: at(acceptedAt ?? createdAt) };
        case "lapsed": {
          const lapsedAcceptedAt = createdAt + LAPSED_ACCEPT_DELAY_MS;
          lapses.set(plan.assistant, assignmentFrom(at(lapsedAcceptedAt), settings));

          return { plan, respondedAt: at(lapsedAcceptedAt) };
        }
        default:
          return { plan, respondedAt: null };
      }
    });
    if (acceptedInWave && acceptedAt !== null && offers.some((offer) => offer.respondedAt && offer.respondedAt.getTime() > acceptedAt)) {
      throw new Error(`Brief ${index}: an offer in the winning wave responds after the acceptance.`);
    }

    return { createdAt: at(createdAt), expiresAt: at(createdAt + settings.offerLifetimeSeconds * SECOND_MS), offers };
  });

  const firstWaveStart = waveStarts[0];
  let submittedAt: number;
  if (firstWaveStart !== undefined) {
    submittedAt = firstWaveStart - MINUTE_MS;
  } else if (lastWaveEnd !== null) {
    // No assistant was eligible, so the task went unrouted on submission.
    submittedAt = lastWaveEnd;
  } else {
    throw new Error(`Brief ${index}: status ${scenario.status} needs at least one wave of offers.`);
  }

  const nowMs = now.getTime();
  if (scenario.status === "routing") {
    const current = waves.at(-1);
    if (!current?.offers.some((offer) => offer.plan.outcome === "pending") || current.expiresAt.getTime() <= nowMs) {
      throw new Error(`Brief ${index}: a routing task needs pending offers in a wave that has not expired.`);
    }
  }
  const assignment = acceptedAt === null ? null : assignmentFrom(at(acceptedAt), settings);
  if (scenario.status === "assigned" && assignment && assignment.startBy.getTime() <= nowMs) {
    throw new Error(`Brief ${index}: an assigned task's start window must still be open.`);
  }

  const lastEventAt = Math.max(anchor, handoffAt ?? anchor);
  if (lastEventAt > nowMs) {
    throw new Error(`Brief ${index}: the scenario ends after the seed's now.`);
  }

  return {
    submittedAt: at(submittedAt),
    waves,
    assignment,
    lapses,
    entries,
    runningSince: runningSince === null ? null : at(runningSince),
    handoffAt: handoffAt === null ? null : at(handoffAt),
    deliveredAt: deliveredAt === null ? null : at(deliveredAt),
    reviewedAt: reviewedAt === null ? null : at(reviewedAt),
    cancelledAt: cancelledAt === null ? null : at(cancelledAt),
    lastEventAt: at(lastEventAt),
  };
}
