import type { Settings } from "../settings";
import { wallClock } from "../time/zoned";
import type { Candidate } from "./eligibility";

export type FactorName = keyof Settings["routingWeights"];

export interface ScoreBreakdown {
  /** Each factor's value between 0 and 1 and its weight; factors that do not apply are absent. */
  factors: Partial<Record<FactorName, { value: number; weight: number }>>;
  /** The weighted mean of the factors, between 0 and 1. */
  total: number;
}

export interface RankingContext {
  requiredSkillCount: number;
  dueAt: Date | null;
  clientOnTrial: boolean;
  now: Date;
  weights: Settings["routingWeights"];
}

const HOUR_MS = 3_600_000;
const WORKDAY_START_HOUR = 9;
const WORKDAY_END_HOUR = 17;
/** Due dates further away than this are reachable by anyone, so overlap stops mattering. */
const OVERLAP_HORIZON_HOURS = 72;

const round = (value: number) => Math.round(value * 1000) / 1000;

/**
 * A position in the ranking: a score total in whole thousandths, then the
 * tie-breakers of rankCandidates. As a bound, it is the best position an
 * assistant can reach.
 */
export interface RankBound {
  totalMillis: number;
  lastOfferedAt: Date | null;
  assistantId: string;
}

/**
 * Returns the fraction of the time until the due date (up to one working
 * day's worth) that falls inside 09:00–17:00 in the time zone.
 */
export function workingHoursOverlap(timeZone: string, now: Date, dueAt: Date): number {
  const hoursUntilDue = Math.min((dueAt.getTime() - now.getTime()) / HOUR_MS, OVERLAP_HORIZON_HOURS);
  if (hoursUntilDue <= 0) {
    return 0;
  }
  let working = 0;
  for (let hour = 0; hour < Math.ceil(hoursUntilDue); hour += 1) {
    const local = wallClock(new Date(now.getTime() + hour * HOUR_MS), timeZone);
    if (local.hour >= WORKDAY_START_HOUR && local.hour < WORKDAY_END_HOUR) {
      working += Math.min(1, hoursUntilDue - hour);
    }
  }

  return Math.min(1, working / Math.min(hoursUntilDue, WORKDAY_END_HOUR - WORKDAY_START_HOUR));
}

/**
 * Scores each candidate and returns them best first. Declines on similar
 * work lower the decline-history factor, which only reorders: it never makes
 * anyone ineligible. Ties go to the assistant offered work least recently.
 */
export function rankCandidates(candidates: Candidate[], context: RankingContext): Array<Candidate & { breakdown: ScoreBreakdown }> {
  const overlapByZone = new Map<string, number>();
  const overlapFor = (timeZone: string, dueAt: Date) => {
    let overlap = overlapByZone.get(timeZone);
    if (overlap === undefined) {
      overlap = workingHoursOverlap(timeZone, context.now, dueAt);
      overlapByZone.set(timeZone, overlap);
    }

    return overlap;
  };

  const ranked = candidates.map((candidate) => {
    const values: Partial<Record<FactorName, number>> = {
      skillFit: context.requiredSkillCount / Math.max(candidate.skillCount, context.requiredSkillCount),
      declineHistory: 1 - candidate.declinesOnSkills / (candidate.offersOnSkills + 2),
      reliability: (candidate.acceptances + 1) / (candidate.acceptances + candidate.lapses + 1),
      load: 1 - candidate.openAssignments / Math.max(candidate.capacity, 1),
      fairness: candidate.lastOfferedAt ? Math.min(1, (context.now.getTime() - candidate.lastOfferedAt.getTime()) / (24 * HOUR_MS)) : 1,
    };
    if (context.dueAt) {
      values.timeZoneOverlap = overlapFor(candidate.timeZone, context.dueAt);
    }
    if (context.clientOnTrial) {
      // Starts every assistant at the platform's bar of one conversion in three.
      // Conversions are credited only to assistants who served the client, so the
      // cap at 1 only guards the upper bound that eligibility.ts assumes.
      values.trialConversion = Math.min(1, (candidate.trialConversions + 1) / (candidate.trialClientsServed + 3));
    }

    const factors: ScoreBreakdown["factors"] = {};
    let weighted = 0;
    let totalWeight = 0;
    for (const [name, value] of Object.entries(values) as Array<[FactorName, number]>) {
      const weight = context.weights[name];
      factors[name] = { value: round(value), weight };
      weighted += value * weight;
      totalWeight += weight;
    }

    return { ...candidate, breakdown: { factors, total: round(totalWeight > 0 ? weighted / totalWeight : 0) } };
  });

  return ranked.sort((a, b) => compareRank(rankKey(a), rankKey(b)));
}

function rankKey(candidate: Candidate & { breakdown: ScoreBreakdown }): RankBound {
  return { totalMillis: Math.round(candidate.breakdown.total * 1000), lastOfferedAt: candidate.lastOfferedAt, assistantId: candidate.assistantId };
}

/**
 * Orders two ranking positions, best first: the higher total, then the one
 * offered work least recently (never counts as 1970), then the lower id in
 * code-unit order, which is PostgreSQL's `COLLATE "C"` order for ASCII ids.
 */
function compareRank(a: RankBound, b: RankBound): number {
  const byTotal = b.totalMillis - a.totalMillis;
  if (byTotal !== 0) {
    return byTotal;
  }
  const byLastOffer = (a.lastOfferedAt?.getTime() ?? 0) - (b.lastOfferedAt?.getTime() ?? 0);
  if (byLastOffer !== 0) {
    return byLastOffer;
  }

  if (a.assistantId === b.assistantId) {
    return 0;
  }

  return a.assistantId < b.assistantId ? -1 : 1;
}

/** Tells whether a ranked candidate ranks strictly before every assistant whose best possible position is `bound`. */
export function ranksBefore(candidate: Candidate & { breakdown: ScoreBreakdown }, bound: RankBound): boolean {
  return compareRank(rankKey(candidate), bound) < 0;
}
