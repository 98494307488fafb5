import type { BriefPreference, DeclineReason, FallThroughReason, TaskStatus } from "../db/generated/client";

/**
 * The state each demo brief is seeded in, chosen so that every screen has
 * something to show. Assistants are named by the local part of their email.
 * Every worker has all the brief's skills and is available. Each assistant
 * runs at most one timer and stays under capacity, and no client logs more
 * time than the trial or plan allows. The seed tests check these rules on
 * the seeded rows.
 */

export type OfferOutcome = "pending" | "accepted" | "declined" | "expired" | "withdrawn" | "lapsed";

export interface OfferPlan {
  /** Local part of the assistant's email, such as "amara.okafor". */
  assistant: string;
  /**
   * Result of the offer. "withdrawn" means another assistant of the same
   * wave accepted first. "lapsed" means this assistant accepted but never
   * started the timer, so the task was reallocated.
   */
  outcome: OfferOutcome;
  declineReason?: DeclineReason;
}

export interface TaskScenario {
  status: TaskStatus;
  /**
   * Minutes between the scenario's last event and the seed's "now".
   * Everything earlier is laid out backwards from that event, which is:
   * - routing: the newest wave
   * - assigned: the acceptance
   * - in_progress: the timer start, or the last entry's end when no timer runs
   * - out_of_time: the end of the entry that used up the time
   * - in_review: the delivery
   * - completed: the approval
   * - unrouted: running out of candidates
   * - cancelled: the cancellation
   */
  endMinutesAgo: number;
  waves?: OfferPlan[][];
  fallThroughReason?: FallThroughReason;
  /** Seconds of each finished time entry of the worker, oldest first. */
  entrySeconds?: number[];
  /** Minutes the worker's timer has been running. */
  runningMinutes?: number;
  timeLimitMinutes?: number;
  handoff?: { achieved: string; extraMinutesNeeded: number };
  /** The client's rating of completed work, 1 to 5. */
  rating?: number;
  /** Replaces the brief's preference: a brief sent during the trial can only be "anyone". */
  preference?: BriefPreference;
}

export interface ClientScenario {
  trialStartedDaysAgo: number;
  /** Days since the client chose the plan named in clients.json; unset for trial clients. */
  convertedDaysAgo?: number;
  topUps?: Array<{ hours: number; daysAgo: number }>;
}

const DAY = 24 * 60;

const pending = (assistant: string): OfferPlan => ({ assistant, outcome: "pending" });
const accepted = (assistant: string): OfferPlan => ({ assistant, outcome: "accepted" });
const withdrawn = (assistant: string): OfferPlan => ({ assistant, outcome: "withdrawn" });
const expired = (assistant: string): OfferPlan => ({ assistant, outcome: "expired" });
const lapsed = (assistant: string): OfferPlan => ({ assistant, outcome: "lapsed" });
const declined = (assistant: string, declineReason: DeclineReason): OfferPlan => ({ assistant, outcome: "declined", declineReason });

/** Keyed by client email. Paid clients converted within the last 25 days, so their current cycle is their first. */
export const CLIENT_SCENARIOS: Record<string, ClientScenario> = {
  "nina@harbourlane.example": { trialStartedDaysAgo: 6 },
  "marcus@northwindphysio.example": { trialStartedDaysAgo: 9 },
  "alana@kiteandkey.example": { trialStartedDaysAgo: 4 },
  "jules@emberstudio.example": { trialStartedDaysAgo: 7 },
  "priyanka@greenbanklegal.example": { trialStartedDaysAgo: 3 },
  "dana@tidewatercoaching.example": { trialStartedDaysAgo: 5 },
  "rob@summitgear.example": { trialStartedDaysAgo: 40, convertedDaysAgo: 25 },
  "helen@lumendental.example": { trialStartedDaysAgo: 24, convertedDaysAgo: 21, topUps: [{ hours: 1, daysAgo: 5 }] },
  "tom@oakridgevc.example": { trialStartedDaysAgo: 20, convertedDaysAgo: 18 },
  "sofia@brightpath.example": { trialStartedDaysAgo: 16, convertedDaysAgo: 14 },
};

/** Keyed by the brief's position in briefs.json. */
export const TASK_SCENARIOS: Record<number, TaskScenario> = {
  // Harbour Lane Bakery (trial): 2160 of 3600 seconds used, one timer running.
  0: { status: "completed", endMinutesAgo: DAY + 120, waves: [[accepted("vera.novak"), withdrawn("ben.hartley"), withdrawn("jonah.weiss")]], entrySeconds: [1500], rating: 5 },
  1: { status: "in_progress", endMinutesAgo: 6, waves: [[accepted("carla.mendes"), withdrawn("owen.price")]], entrySeconds: [300], runningMinutes: 6 },
  23: { status: "routing", endMinutesAgo: 4, waves: [[pending("owen.price"), pending("femi.adeyemi"), pending("rosa.delgado")]] },
  33: {
    status: "routing",
    endMinutesAgo: 3,
    waves: [
      [declined("ben.hartley", "no_capacity"), expired("dev.patel"), declined("priya.raman", "not_interested")],
      [pending("femi.adeyemi"), pending("rosa.delgado")],
    ],
  },

  // Northwind Physio (trial): the whole 3600 seconds used, so a task is out of time.
  2: { status: "completed", endMinutesAgo: 4 * DAY, waves: [[accepted("isla.murray"), withdrawn("tara.nolan"), withdrawn("jonah.weiss")]], entrySeconds: [1200], rating: 5 },
  3: {
    status: "out_of_time",
    endMinutesAgo: 70,
    waves: [[accepted("priya.raman"), withdrawn("dev.patel")]],
    entrySeconds: [1200],
    handoff: { achieved: "Entered 52 of the 140 referral forms and flagged 3 unreadable ones in the notes column.", extraMinutesNeeded: 90 },
  },
  24: { status: "completed", endMinutesAgo: 2 * DAY, waves: [[accepted("jonah.weiss"), withdrawn("rosa.delgado"), withdrawn("vera.novak")]], entrySeconds: [1200], rating: 4 },
  34: { status: "cancelled", endMinutesAgo: DAY },

  // Kite & Key Realty (trial): 2520 seconds used, one timer running.
  4: { status: "in_review", endMinutesAgo: 180, waves: [[accepted("ben.hartley")]], entrySeconds: [1200] },
  5: { status: "routing", endMinutesAgo: 5, waves: [[pending("amara.okafor"), pending("maya.cohen"), pending("isla.murray")]] },
  25: { status: "in_progress", endMinutesAgo: 12, waves: [[accepted("tara.nolan"), withdrawn("dev.patel")]], entrySeconds: [600], runningMinutes: 12 },
  35: { status: "unrouted", endMinutesAgo: DAY + 300 },

  // Ember Studio (trial): 2700 seconds used.
  6: { status: "completed", endMinutesAgo: 3 * DAY, waves: [[accepted("quinn.doyle"), withdrawn("elena.rossi"), withdrawn("maya.cohen")]], entrySeconds: [1200], rating: 4 },
  7: { status: "in_review", endMinutesAgo: DAY, waves: [[declined("femi.adeyemi", "not_interested"), accepted("rosa.delgado")]], entrySeconds: [900, 600] },
  26: { status: "routing", endMinutesAgo: 7, waves: [[pending("vera.novak"), pending("jonah.weiss"), pending("ben.hartley")]] },
  36: { status: "assigned", endMinutesAgo: 6, waves: [[accepted("sam.whitaker")]] },

  // Greenbank Legal (trial): 2700 seconds used, one timer running.
  8: { status: "completed", endMinutesAgo: DAY + 600, waves: [[accepted("elena.rossi"), withdrawn("hugo.laurent"), withdrawn("keiko.sato")]], entrySeconds: [1500], rating: 5 },
  9: {
    status: "routing",
    endMinutesAgo: 2,
    waves: [
      [declined("keiko.sato", "no_capacity"), expired("hugo.laurent"), declined("tara.nolan", "not_interested")],
      [pending("amara.okafor"), pending("maya.cohen"), pending("will.chen")],
    ],
  },
  27: { status: "in_progress", endMinutesAgo: 20, waves: [[accepted("quinn.doyle"), withdrawn("elena.rossi")]], runningMinutes: 20 },
  37: { status: "routing", endMinutesAgo: 9, waves: [[pending("ben.hartley")]] },

  // Tidewater Coaching (trial): 2100 seconds used, one timer running.
  10: { status: "in_progress", endMinutesAgo: 10, waves: [[accepted("jonah.weiss")]], runningMinutes: 10 },
  11: { status: "completed", endMinutesAgo: 2 * DAY + 200, waves: [[accepted("dev.patel"), withdrawn("priya.raman")]], entrySeconds: [900], rating: 4 },
  28: { status: "in_review", endMinutesAgo: 300, waves: [[accepted("liam.oconnell"), withdrawn("zoe.brandt"), withdrawn("carla.mendes")]], entrySeconds: [600] },
  38: { status: "routing", endMinutesAgo: 6, waves: [[pending("vera.novak"), pending("jonah.weiss")]] },

  // Summit Gear Co (Standard, converted 25 days ago): its primary lacks every skill these briefs need.
  29: {
    status: "completed",
    endMinutesAgo: 27 * DAY,
    preference: "anyone",
    waves: [[accepted("dev.patel"), withdrawn("priya.raman")]],
    entrySeconds: [1500, 1200],
    rating: 5,
  },
  12: { status: "completed", endMinutesAgo: 6 * DAY, fallThroughReason: "primary_lacks_skill", waves: [[accepted("sam.whitaker")]], entrySeconds: [3600, 1800], rating: 5 },
  13: {
    status: "in_progress",
    endMinutesAgo: 30,
    fallThroughReason: "primary_lacks_skill",
    waves: [[accepted("hugo.laurent"), withdrawn("tara.nolan")]],
    entrySeconds: [1800],
    runningMinutes: 30,
  },
  14: { status: "in_review", endMinutesAgo: 240, fallThroughReason: "team_unavailable", waves: [[accepted("vera.novak"), withdrawn("jonah.weiss")]], entrySeconds: [2400] },
  39: {
    status: "routing",
    endMinutesAgo: 8,
    fallThroughReason: "primary_lacks_skill",
    waves: [
      [lapsed("owen.price"), withdrawn("carla.mendes"), withdrawn("quinn.doyle")],
      [pending("elena.rossi"), pending("vera.novak")],
    ],
  },

  // Lumen Dental (Starter plus a 1-hour top-up).
  15: { status: "unrouted", endMinutesAgo: 2 * DAY + 100, fallThroughReason: "primary_lacks_skill" },
  16: {
    status: "out_of_time",
    endMinutesAgo: 300,
    fallThroughReason: "primary_lacks_skill",
    waves: [[accepted("dev.patel"), withdrawn("priya.raman")]],
    entrySeconds: [1800, 1800],
    timeLimitMinutes: 60,
    handoff: { achieved: "Matched 212 of 260 payouts; the remaining 48 are from the last week of the month.", extraMinutesNeeded: 45 },
  },
  30: { status: "completed", endMinutesAgo: 4 * DAY, fallThroughReason: "primary_lacks_skill", waves: [[accepted("will.chen"), withdrawn("keiko.sato")]], entrySeconds: [2400], rating: 5 },

  // Oakridge Ventures (Pro): two timers running.
  17: { status: "unrouted", endMinutesAgo: 3 * DAY, fallThroughReason: "primary_lacks_skill" },
  18: {
    status: "in_progress",
    endMinutesAgo: 8,
    fallThroughReason: "team_unavailable",
    waves: [[accepted("amara.okafor"), withdrawn("hugo.laurent"), withdrawn("isla.murray")]],
    entrySeconds: [900],
    runningMinutes: 8,
  },
  19: {
    status: "in_progress",
    endMinutesAgo: 40,
    fallThroughReason: "team_declined",
    waves: [[declined("jonah.weiss", "no_capacity")], [accepted("femi.adeyemi"), withdrawn("rosa.delgado"), withdrawn("vera.novak")]],
    entrySeconds: [1800],
    runningMinutes: 40,
  },
  31: { status: "in_progress", endMinutesAgo: 600, fallThroughReason: "asked_for_new", waves: [[accepted("vera.novak")]], entrySeconds: [1800, 1800] },

  // Bright Path Tutors (Team): its primary has logged no time for it yet, so counts as someone new to it.
  20: {
    status: "in_progress",
    endMinutesAgo: 15,
    fallThroughReason: "primary_lacks_skill",
    waves: [[accepted("will.chen"), withdrawn("keiko.sato")]],
    entrySeconds: [2700, 2700],
    runningMinutes: 15,
  },
  21: { status: "completed", endMinutesAgo: 5 * DAY, fallThroughReason: "asked_for_team", waves: [[accepted("carla.mendes")]], entrySeconds: [3600, 3600], rating: 4 },
  22: { status: "unrouted", endMinutesAgo: DAY + 30, fallThroughReason: "asked_for_new", waves: [[declined("sam.whitaker", "no_capacity")]] },
  32: { status: "cancelled", endMinutesAgo: 2 * DAY, fallThroughReason: "asked_for_new", waves: [[expired("sam.whitaker")]] },
};
