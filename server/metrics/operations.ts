import type { Db } from "../db/client";
import { rate, type MetricsRange } from "./range";

export interface SpeedMedians {
  /** Median seconds from a brief to its first offer, acceptance, first timer start and completion. */
  toFirstOffer: number | null;
  toAcceptance: number | null;
  toFirstTimer: number | null;
  toCompletion: number | null;
}

export interface Operations {
  medianSecondsToAccept: number | null;
  offers: number;
  acceptanceRate: number | null;
  declineReasons: Array<{ reason: string; count: number }>;
  assignments: number;
  lapses: number;
  lapseRate: number | null;
  unroutedTasks: number;
  outOfTimeEvents: number;
  ratings: { count: number; average: number | null; distribution: Array<{ rating: number; count: number }> };
  hoursDelivered: number;
  platformCoveredHours: number;
}

export interface WeeklyTrend {
  week: string;
  hoursDelivered: number;
  conversions: number;
  signups: number;
}

/**
 * Median durations from brief to each milestone, for briefs sent in the
 * range. The milestones are the task's first_* columns, which triggers keep
 * equal to the earliest offer, acceptance and time entry start.
 */
export async function speedMedians(db: Db, range: MetricsRange): Promise<SpeedMedians> {
  const [row] = await db.$queryRaw<Array<{ to_first_offer: number | null; to_acceptance: number | null; to_first_timer: number | null; to_completion: number | null }>>`
    SELECT
      percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM first_offer_at - created_at))::float8 AS to_first_offer,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM first_accepted_at - created_at))::float8 AS to_acceptance,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM first_entry_started_at - created_at))::float8 AS to_first_timer,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM completed_at - created_at))::float8 AS to_completion
    FROM tasks
    WHERE created_at >= ${range.from} AND created_at < ${range.to}`;

  const round = (value: number | null | undefined) => (value === null || value === undefined ? null : Math.round(value));

  return { toFirstOffer: round(row?.to_first_offer), toAcceptance: round(row?.to_acceptance), toFirstTimer: round(row?.to_first_timer), toCompletion: round(row?.to_completion) };
}

/** Offer, lapse, time and rating figures for activity inside the range. */
export async function operations(db: Db, range: MetricsRange): Promise<Operations> {
  const [offers] = await db.$queryRaw<Array<{ offers: number; accepted: number; median_to_accept: number | null }>>`
    SELECT
      COUNT(*)::int AS offers,
      COUNT(*) FILTER (WHERE status = 'accepted')::int AS accepted,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM responded_at - created_at)) FILTER (WHERE status = 'accepted')::float8 AS median_to_accept
    FROM offers WHERE created_at >= ${range.from} AND created_at < ${range.to}`;
  const declineReasons = await db.$queryRaw<Array<{ reason: string; count: number }>>`
    SELECT decline_reason::text AS reason, COUNT(*)::int AS count
    FROM offers
    WHERE status = 'declined' AND created_at >= ${range.from} AND created_at < ${range.to}
    GROUP BY decline_reason ORDER BY count DESC, reason`;
  const [work] = await db.$queryRaw<
    Array<{ assignments: number; lapses: number; unrouted: number; out_of_time: number; delivered_seconds: number; covered_seconds: number }>
  >`
    SELECT
      (SELECT COUNT(*)::int FROM assignments WHERE accepted_at >= ${range.from} AND accepted_at < ${range.to}) AS assignments,
      (SELECT COUNT(*)::int FROM lapses WHERE occurred_at >= ${range.from} AND occurred_at < ${range.to}) AS lapses,
      (SELECT COUNT(*)::int FROM tasks WHERE status = 'unrouted') AS unrouted,
      entries.out_of_time,
      entries.delivered_seconds,
      entries.covered_seconds
    FROM (
      SELECT
        COUNT(*) FILTER (WHERE stop_cause IN ('balance_exhausted', 'task_limit_reached'))::int AS out_of_time,
        COALESCE(SUM(seconds), 0)::float8 AS delivered_seconds,
        COALESCE(SUM(seconds) FILTER (WHERE covered_by_platform), 0)::float8 AS covered_seconds
      FROM time_entries
      WHERE ended_at >= ${range.from} AND ended_at < ${range.to}
    ) AS entries`;
  const ratings = await db.$queryRaw<Array<{ rating: number; count: number }>>`
    SELECT rating, COUNT(*)::int AS count FROM reviews
    WHERE rating IS NOT NULL AND created_at >= ${range.from} AND created_at < ${range.to}
    GROUP BY rating ORDER BY rating`;

  const ratingCount = ratings.reduce((sum, row) => sum + row.count, 0);
  const ratingTotal = ratings.reduce((sum, row) => sum + row.rating * row.count, 0);
  const hours = (seconds: number) => Math.round((seconds / 3600) * 100) / 100;

  return {
    medianSecondsToAccept: offers?.median_to_accept === null || offers?.median_to_accept === undefined ? null : Math.round(offers.median_to_accept),
    offers: offers?.offers ?? 0,
    acceptanceRate: rate(offers?.accepted ?? 0, offers?.offers ?? 0),
    declineReasons,
    assignments: work?.assignments ?? 0,
    lapses: work?.lapses ?? 0,
    lapseRate: rate(work?.lapses ?? 0, work?.assignments ?? 0),
    unroutedTasks: work?.unrouted ?? 0,
    outOfTimeEvents: work?.out_of_time ?? 0,
    ratings: { count: ratingCount, average: ratingCount > 0 ? Math.round((ratingTotal / ratingCount) * 100) / 100 : null, distribution: ratings },
    hoursDelivered: hours(work?.delivered_seconds ?? 0),
    platformCoveredHours: hours(work?.covered_seconds ?? 0),
  };
}

/** Hours delivered, sign-ups and conversions per UTC week, for the trend charts. */
export async function weeklyTrends(db: Db, range: MetricsRange): Promise<WeeklyTrend[]> {
  const rows = await db.$queryRaw<Array<{ week: string; delivered_seconds: number; conversions: number; signups: number }>>`
    WITH weeks AS (
      SELECT week FROM generate_series(date_trunc('week', ${range.from}::timestamptz AT TIME ZONE 'UTC'), ${range.to}::timestamptz AT TIME ZONE 'UTC', interval '1 week') AS week
      WHERE week < ${range.to}::timestamptz AT TIME ZONE 'UTC'
    )
    SELECT
      to_char(w.week, 'YYYY-MM-DD') AS week,
      (SELECT COALESCE(SUM(te.seconds), 0)::float8 FROM time_entries te
        WHERE te.ended_at >= GREATEST(w.week AT TIME ZONE 'UTC', ${range.from}) AND te.ended_at < LEAST((w.week + interval '1 week') AT TIME ZONE 'UTC', ${range.to})) AS delivered_seconds,
      (SELECT COUNT(*)::int FROM conversions cv
        WHERE cv.converted_at >= GREATEST(w.week AT TIME ZONE 'UTC', ${range.from}) AND cv.converted_at < LEAST((w.week + interval '1 week') AT TIME ZONE 'UTC', ${range.to})) AS conversions,
      (SELECT COUNT(*)::int FROM client_accounts c
        WHERE c.trial_started_at >= GREATEST(w.week AT TIME ZONE 'UTC', ${range.from}) AND c.trial_started_at < LEAST((w.week + interval '1 week') AT TIME ZONE 'UTC', ${range.to})) AS signups
    FROM weeks w
    ORDER BY w.week`;

  return rows.map((row) => ({ week: row.week, hoursDelivered: Math.round((row.delivered_seconds / 3600) * 100) / 100, conversions: row.conversions, signups: row.signups }));
}
