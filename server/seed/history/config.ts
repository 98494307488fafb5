import { z } from "zod";

import { DeclineReason } from "../../db/generated/client";

const probability = z.number().min(0).max(1);
const range = z.object({ min: z.int().min(0), max: z.int().min(0) }).refine((value) => value.min <= value.max, { message: "min must not exceed max" });
const nonEmptyText = z.array(z.string().min(1)).min(1);

/** The shape of prisma/seed-data/history.json: how the weeks of past activity are generated. */
export const historySchema = z.object({
  /** Seed of the pseudo-random generator. The same seed gives the same history. */
  randomSeed: z.int(),
  /** Weeks of trial sign-ups before the seed's "now". */
  weeks: z.int().min(1).max(52),
  signupsPerWeek: range,
  /** No history sign-up is newer than this, so the demo's own recent trials stay the newest. */
  newestSignupDaysAgo: z.int().min(1),
  /** Trial clients send only briefs estimated at up to this many minutes, as a trial is short. */
  trialBriefMaxMinutes: z.int().positive(),
  /**
   * The demo account's assistant, so their stats page has history to show.
   * `briefShare` of the briefs are ones they can do, and in a wave of such a
   * brief they come first `leadsWaveShare` of the time.
   */
  showcaseAssistant: z.object({ email: z.email(), briefShare: probability, leadsWaveShare: probability }),
  rates: z.object({
    /** Share of sign-ups who send a first brief. */
    sendsFirstBrief: probability,
    /** Chance of one more trial brief after each finished one, while trial time is left. */
    sendsAnotherBrief: probability,
    /** Share of briefs needing skills no available assistant has, cancelled after sitting unrouted. */
    briefWithNoCandidates: probability,
    /** Share of routed briefs whose first wave all decline or let the offer expire. */
    nobodyInFirstWave: probability,
    /** Chance that each other assistant of the winning wave declined before the acceptance. */
    declineBeforeAcceptance: probability,
    /** Share of acceptances more than a start window's length old that lapse and go to a second wave. */
    lapse: probability,
    changesRequested: probability,
    /** Share of approvals without a rating. */
    unrated: probability,
    /** Share of clients who used the whole trial and then chose a plan. */
    convertsAfterTrialUsed: probability,
    /** Share of clients with trial time left who chose a plan anyway. */
    convertsEarly: probability,
    /** Briefs a converted client sends on the paid plan. */
    paidBriefs: range,
  }),
  ratingWeights: z.partialRecord(z.enum(["1", "2", "3", "4", "5"]), z.number().min(0)),
  planWeights: z.record(z.string().min(1), z.number().min(0)),
  declineWeights: z.record(z.enum(DeclineReason), z.number().min(0)),
  /** Notes of declines for an "other" reason. */
  declineNotes: nonEmptyText,
  companyWords: z.object({ first: nonEmptyText, second: nonEmptyText }),
  contactNames: z.object({ first: nonEmptyText, last: nonEmptyText }),
  timeZones: nonEmptyText,
  deliveryNotes: nonEmptyText,
  changeRequestNotes: nonEmptyText,
  reviewComments: z.partialRecord(z.enum(["1", "2", "3", "4", "5"]), nonEmptyText),
  handoffNotes: nonEmptyText,
});

export type HistoryConfig = z.infer<typeof historySchema>;
