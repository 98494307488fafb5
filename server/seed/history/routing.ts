import type { DeclineReason, FallThroughReason } from "../../db/generated/client";
import type { SeededAssistant } from "../people";
import { sampleScore } from "../score";
import { later, laterByMinutes, MINUTE_MS, type HistoryContext } from "./context";
import type { HistoryRows } from "./rows";

export interface RoutingInput {
  taskId: string;
  briefIndex: number;
  firstWaveAt: Date;
  clientOnTrial: boolean;
  /** The client's primary assistant, offered the task alone first, or null for a trial client. */
  primary: SeededAssistant | null;
  /** Everyone else eligible, in the order the waves take them. */
  pool: SeededAssistant[];
  /** Length of the winner's first time entry, which must fit their calendar. */
  firstEntrySeconds: number;
}

export interface Acceptance {
  assistant: SeededAssistant;
  offerId: string;
  acceptedAt: Date;
  /** When the winner starts the timer, inside the start window and before the reminder. */
  firstEntryAt: Date;
  waves: number;
  lapses: number;
  fallThroughReason: FallThroughReason | null;
}

export type RoutingResult = { accepted: Acceptance } | { accepted: null; waves: number; lastWaveEndedAt: Date };

type OfferEnd = { status: "accepted" } | { status: "declined"; at: Date } | { status: "expired" } | { status: "withdrawn" };

function addOffer(context: HistoryContext, rows: HistoryRows, input: RoutingInput, wave: { number: number; at: Date; position: number; primary: boolean }, assistant: SeededAssistant, end: OfferEnd, acceptedAt: Date | null): string {
  const id = context.ids.id();
  let declineReason: DeclineReason | null = null;
  let respondedAt: Date | null = null;
  if (end.status === "declined") {
    declineReason = context.random.weighted(context.config.declineWeights);
    respondedAt = end.at;
  } else if (end.status === "accepted") {
    respondedAt = acceptedAt;
  }
  const endReason = { accepted: "accepted", declined: "declined", expired: "expired", withdrawn: "taken_by_another" } as const;
  rows.offers.push({
    id,
    taskId: input.taskId,
    assistantId: assistant.id,
    wave: wave.number,
    status: end.status,
    endReason: endReason[end.status],
    declineReason,
    declineNote: declineReason === "other" ? context.random.pick(context.config.declineNotes) : null,
    clientOnTrial: input.clientOnTrial,
    ...sampleScore(input.briefIndex, wave.position, { clientOnTrial: input.clientOnTrial, audience: wave.primary ? "primary" : "pool" }),
    createdAt: wave.at,
    expiresAt: later(wave.at, context.settings.offerLifetimeSeconds * 1000),
    respondedAt,
  });

  return id;
}

/** Writes an assignment that lapsed because the timer never started, and its lapse. */
function addLapse(context: HistoryContext, rows: HistoryRows, input: RoutingInput, assistant: SeededAssistant, offerId: string, acceptedAt: Date): Date {
  const windowMs = context.settings.startWindowSeconds * 1000;
  const startBy = later(acceptedAt, windowMs);
  const startReminderAt = later(acceptedAt, Math.round(windowMs * context.settings.startReminderFraction));
  const assignmentId = context.ids.id();
  rows.assignments.push({ id: assignmentId, taskId: input.taskId, assistantId: assistant.id, offerId, acceptedAt, startBy, startReminderAt, reminderSentAt: startReminderAt, endedAt: startBy, endReason: "lapsed" });
  rows.lapses.push({ id: context.ids.id(), assistantId: assistant.id, taskId: input.taskId, assignmentId, occurredAt: startBy });

  return startBy;
}

/**
 * Writes the offers of a task wave by wave until someone accepts and is
 * free to start, as the router would send them. The primary, when given,
 * gets a wave alone and declines when busy. A wave may all decline or let
 * the offers expire, and a winner may lapse, sending the task to the next
 * wave. Returns the acceptance, or, when every candidate was used up, the
 * number of waves sent and when the last one ended.
 */
export function routeTask(context: HistoryContext, rows: HistoryRows, input: RoutingInput): RoutingResult {
  const { random, settings, config, calendar } = context;
  const reminderMinutes = Math.floor((settings.startWindowSeconds * settings.startReminderFraction) / 60);
  const waves: Array<{ members: SeededAssistant[]; primary: boolean }> = input.primary ? [{ members: [input.primary], primary: true }] : [];
  const pool = [...input.pool];
  const nobodyFirst = !input.primary && random.chance(config.rates.nobodyInFirstWave);
  let fallThroughReason: FallThroughReason | null = null;
  let waveAt = input.firstWaveAt;
  let lapses = 0;

  for (let number = 1; ; number += 1) {
    const wave = waves.shift() ?? { members: pool.splice(0, settings.offerWaveSize), primary: false };
    if (wave.members.length === 0) {
      return { accepted: null, waves: number - 1, lastWaveEndedAt: waveAt };
    }
    const acceptedAt = laterByMinutes(context, waveAt, 1, 9);
    const firstEntryAt = laterByMinutes(context, acceptedAt, 1, Math.max(1, reminderMinutes - 1));
    const firstEntryEnd = later(firstEntryAt, input.firstEntrySeconds * 1000);
    const forcedOut = number === 1 && nobodyFirst;
    const winner = forcedOut ? -1 : wave.members.findIndex((assistant) => calendar.isFree(assistant.id, firstEntryAt, firstEntryEnd));
    const waveInfo = (position: number) => ({ number, at: waveAt, position, primary: wave.primary });

    if (winner < 0) {
      for (const [position, assistant] of wave.members.entries()) {
        const end: OfferEnd = wave.primary || random.chance(0.5) ? { status: "declined", at: laterByMinutes(context, waveAt, 1, 10) } : { status: "expired" };
        addOffer(context, rows, input, waveInfo(position), assistant, end, null);
      }
      fallThroughReason ??= wave.primary ? "primary_declined" : null;
      waveAt = later(waveAt, settings.offerLifetimeSeconds * 1000 + MINUTE_MS);
      continue;
    }

    let winnerOfferId = "";
    for (const [position, assistant] of wave.members.entries()) {
      let end: OfferEnd = { status: "withdrawn" };
      if (position === winner) {
        end = { status: "accepted" };
      } else if (random.chance(config.rates.declineBeforeAcceptance)) {
        end = { status: "declined", at: new Date(random.between(waveAt.getTime() + 20_000, acceptedAt.getTime())) };
      }
      const offerId = addOffer(context, rows, input, waveInfo(position), assistant, end, acceptedAt);
      winnerOfferId = position === winner ? offerId : winnerOfferId;
    }
    const assistant = wave.members[winner];
    if (!assistant) {
      throw new Error(`Wave ${number} of task ${input.taskId} has no member at position ${winner}.`);
    }

    const lapseAt = later(acceptedAt, settings.startWindowSeconds * 1000);
    if (pool.length > 0 && lapseAt <= context.lapseCutoff && random.chance(config.rates.lapse)) {
      waveAt = later(addLapse(context, rows, input, assistant, winnerOfferId, acceptedAt), MINUTE_MS);
      lapses += 1;
      continue;
    }

    return { accepted: { assistant, offerId: winnerOfferId, acceptedAt, firstEntryAt, waves: number, lapses, fallThroughReason } };
  }
}
