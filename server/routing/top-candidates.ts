import type { Prisma } from "../db/generated/client";
import { findShortlist, type BoundWeights, type EligibilityQuery } from "./eligibility";
import { rankCandidates, ranksBefore, workingHoursOverlap, type RankingContext } from "./ranking";

type Tx = Prisma.TransactionClient;

/**
 * Shortlist sizes tried in turn before reading every eligible assistant. A
 * wider one is needed only when the history of the first assistants by
 * upper bound pulls enough of them below the bound of the next one.
 */
const SHORTLIST_LIMITS = [32, 256];

/**
 * Finds the best `count` eligible assistants, best first, exactly as
 * rankCandidates orders all of them, with their score breakdowns. Returns an
 * empty list when no assistant is eligible. History is read only for a
 * shortlist ordered by an upper bound of the score, which widens until the
 * last chosen assistant ranks strictly before the bound of everyone left out.
 * `limits` sets the shortlist sizes to try before reading every candidate.
 */
export async function findTopCandidates(
  tx: Tx,
  query: EligibilityQuery,
  context: RankingContext,
  count: number,
  limits: readonly number[] = SHORTLIST_LIMITS,
) {
  const weights = boundWeights(context);
  const timeZoneOverlaps = context.dueAt ? await overlapsByTimeZone(tx, context.now, context.dueAt) : {};

  for (const limit of [...limits, null]) {
    const shortlist = await findShortlist(tx, { ...query, weights, timeZoneOverlaps, limit: limit === null ? null : Math.max(limit, count) });
    const ranked = rankCandidates(shortlist.candidates, context).slice(0, count);
    const last = ranked.at(-1);
    const complete = shortlist.firstLeftOut === null || (ranked.length === count && last !== undefined && ranksBefore(last, shortlist.firstLeftOut));
    if (complete) {
      return ranked;
    }
  }

  // Unreachable: without a limit the shortlist leaves no assistant out.
  throw new Error(`Ranking task ${query.taskId} failed: the shortlist without a limit reported an assistant left out.`);
}

/** Returns the ranking weights with 0 for the factors that do not apply to this task. */
function boundWeights(context: RankingContext): BoundWeights {
  return {
    ...context.weights,
    timeZoneOverlap: context.dueAt ? context.weights.timeZoneOverlap : 0,
    trialConversion: context.clientOnTrial ? context.weights.trialConversion : 0,
  };
}

/**
 * Computes the time-zone overlap factor of every zone an assistant is in.
 * The recursive query jumps from one zone to the next through the
 * time_zone index, so it reads one index entry per zone, not per assistant.
 */
async function overlapsByTimeZone(tx: Tx, now: Date, dueAt: Date): Promise<Record<string, number>> {
  const zones = await tx.$queryRaw<Array<{ time_zone: string }>>`
    WITH RECURSIVE zones AS (
      SELECT MIN(time_zone) AS time_zone FROM assistant_profiles
      UNION ALL
      SELECT (SELECT MIN(ap.time_zone) FROM assistant_profiles ap WHERE ap.time_zone > zones.time_zone)
      FROM zones
      WHERE zones.time_zone IS NOT NULL
    )
    SELECT time_zone FROM zones WHERE time_zone IS NOT NULL`;

  return Object.fromEntries(zones.map(({ time_zone: timeZone }) => [timeZone, workingHoursOverlap(timeZone, now, dueAt)]));
}
