import type { Db } from "../db/client";
import { rate, type MetricsRange } from "./range";

export interface FunnelRow {
  /** Monday of the sign-up week, UTC. */
  cohortWeek: string;
  signups: number;
  firstBrief: number;
  firstAccepted: number;
  trialUsed: number;
  converted: number;
  rates: { firstBrief: number | null; firstAccepted: number | null; trialUsed: number | null; converted: number | null; overall: number | null };
}

interface FunnelSqlRow {
  cohort_week: string;
  signups: number;
  first_brief: number;
  first_accepted: number;
  trial_used: number;
  converted: number;
}

/**
 * Trial sign-ups by the week they signed up, and how many of each cohort
 * reached each step: a first brief, a first accepted task, the trial over
 * (the whole allowance used, or ended early by converting), and a paid
 * plan. A client counts in their sign-up week whenever the later steps
 * happen. Each step's rate is against the step before it.
 */
export async function trialFunnel(db: Db, range: MetricsRange): Promise<FunnelRow[]> {
  const rows = await db.$queryRaw<FunnelSqlRow[]>`
    WITH cohort AS (
      SELECT c.id, c.trial_seconds, to_char(date_trunc('week', c.trial_started_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS cohort_week
      FROM client_accounts c
      WHERE c.trial_started_at >= ${range.from} AND c.trial_started_at < ${range.to}
    ),
    steps AS (
      SELECT
        cohort.cohort_week,
        EXISTS (SELECT 1 FROM tasks t WHERE t.client_id = cohort.id) AS has_brief,
        EXISTS (SELECT 1 FROM tasks t WHERE t.client_id = cohort.id AND t.first_accepted_at IS NOT NULL) AS has_accepted,
        cv.id IS NOT NULL
          OR COALESCE((SELECT SUM(te.seconds) FROM time_entries te WHERE te.client_id = cohort.id AND te.covered_by_platform), 0) >= cohort.trial_seconds AS used_trial,
        cv.id IS NOT NULL AS has_converted
      FROM cohort
      LEFT JOIN conversions cv ON cv.client_id = cohort.id
    )
    SELECT
      cohort_week,
      COUNT(*)::int AS signups,
      COUNT(*) FILTER (WHERE has_brief)::int AS first_brief,
      COUNT(*) FILTER (WHERE has_accepted)::int AS first_accepted,
      COUNT(*) FILTER (WHERE used_trial)::int AS trial_used,
      COUNT(*) FILTER (WHERE has_converted)::int AS converted
    FROM steps
    GROUP BY cohort_week
    ORDER BY cohort_week`;

  return rows.map((row) => ({
    cohortWeek: row.cohort_week,
    signups: row.signups,
    firstBrief: row.first_brief,
    firstAccepted: row.first_accepted,
    trialUsed: row.trial_used,
    converted: row.converted,
    rates: {
      firstBrief: rate(row.first_brief, row.signups),
      firstAccepted: rate(row.first_accepted, row.first_brief),
      trialUsed: rate(row.trial_used, row.first_accepted),
      converted: rate(row.converted, row.trial_used),
      overall: rate(row.converted, row.signups),
    },
  }));
}
