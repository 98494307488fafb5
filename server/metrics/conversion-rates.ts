import type { Db } from "../db/client";
import { rate, type MetricsRange } from "./range";

export interface ConversionRates {
  overall: { trialClients: number; converted: number; rate: number | null };
  byAssistant: Array<{ assistantId: string; name: string; trialClients: number; credited: number; rate: number | null }>;
  bySkill: Array<{ skill: string; trialClients: number; converted: number; rate: number | null }>;
}

/**
 * Conversion of the trial clients who signed up in the range: overall; per
 * assistant, as the credited share of conversions over the trial clients
 * they logged time for (the sample size); and per skill, over the trial
 * clients who sent a brief needing that skill.
 */
export async function conversionRates(db: Db, range: MetricsRange): Promise<ConversionRates> {
  const [overall] = await db.$queryRaw<Array<{ trial_clients: number; converted: number }>>`
    SELECT COUNT(*)::int AS trial_clients, COUNT(cv.id)::int AS converted
    FROM client_accounts c LEFT JOIN conversions cv ON cv.client_id = c.id
    WHERE c.trial_started_at >= ${range.from} AND c.trial_started_at < ${range.to}`;

  const byAssistant = await db.$queryRaw<Array<{ assistant_id: string; name: string; trial_clients: number; credited: number }>>`
    WITH cohort AS (
      SELECT id FROM client_accounts WHERE trial_started_at >= ${range.from} AND trial_started_at < ${range.to}
    ),
    served AS (
      SELECT DISTINCT te.assistant_id, te.client_id
      FROM time_entries te JOIN cohort ON cohort.id = te.client_id
      WHERE te.covered_by_platform
    )
    SELECT
      served.assistant_id,
      u.name,
      COUNT(*)::int AS trial_clients,
      COALESCE(SUM(cc.share), 0)::float8 AS credited
    FROM served
    JOIN assistant_profiles ap ON ap.id = served.assistant_id
    JOIN users u ON u.id = ap.user_id
    LEFT JOIN conversions cv ON cv.client_id = served.client_id
    LEFT JOIN conversion_credits cc ON cc.conversion_id = cv.id AND cc.assistant_id = served.assistant_id
    GROUP BY served.assistant_id, u.name
    ORDER BY trial_clients DESC, u.name`;

  const bySkill = await db.$queryRaw<Array<{ skill: string; trial_clients: number; converted: number }>>`
    WITH cohort AS (
      SELECT id FROM client_accounts WHERE trial_started_at >= ${range.from} AND trial_started_at < ${range.to}
    ),
    client_skills AS (
      SELECT DISTINCT t.client_id, ts.skill_id
      FROM tasks t JOIN cohort ON cohort.id = t.client_id JOIN task_skills ts ON ts.task_id = t.id
    )
    SELECT s.name AS skill, COUNT(*)::int AS trial_clients, COUNT(cv.id)::int AS converted
    FROM client_skills cs
    JOIN skills s ON s.id = cs.skill_id
    LEFT JOIN conversions cv ON cv.client_id = cs.client_id
    GROUP BY s.name
    ORDER BY trial_clients DESC, s.name`;

  return {
    overall: { trialClients: overall?.trial_clients ?? 0, converted: overall?.converted ?? 0, rate: rate(overall?.converted ?? 0, overall?.trial_clients ?? 0) },
    byAssistant: byAssistant.map((row) => ({
      assistantId: row.assistant_id,
      name: row.name,
      trialClients: row.trial_clients,
      credited: Math.round(row.credited * 100) / 100,
      rate: rate(row.credited, row.trial_clients),
    })),
    bySkill: bySkill.map((row) => ({ skill: row.skill, trialClients: row.trial_clients, converted: row.converted, rate: rate(row.converted, row.trial_clients) })),
  };
}
