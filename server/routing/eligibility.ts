import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import type { RankBound } from "./ranking";

type Tx = Db | Prisma.TransactionClient;

/** Audience of a wave: the client's primary assistant, their team, or everyone. */
export type Audience = "primary" | "team" | "pool";

/** An eligible assistant with the history the ranking needs. */
export interface Candidate {
  assistantId: string;
  userId: string;
  name: string;
  email: string;
  timeZone: string;
  capacity: number;
  openAssignments: number;
  skillCount: number;
  lastOfferedAt: Date | null;
  acceptances: number;
  lapses: number;
  /** Offers on tasks sharing a skill with this one, in the history window. */
  offersOnSkills: number;
  declinesOnSkills: number;
  trialClientsServed: number;
  trialConversions: number;
}

interface CandidateRow {
  assistant_id: string;
  user_id: string;
  name: string;
  email: string;
  time_zone: string;
  capacity: number;
  open_assignments: number;
  skill_count: number;
  last_offered_at: Date | null;
  acceptances: number;
  lapses: number;
  offers_on_skills: number;
  declines_on_skills: number;
  trial_clients_served: number;
  trial_conversions: number;
  bound_millis: number;
}

/**
 * Task statuses during which an assignment takes one of the assistant's
 * capacity slots. The trigger function recount_open_assignments in the
 * migrations repeats this list.
 */
export const ACTIVE_TASK_STATUSES = ["assigned", "in_progress", "out_of_time"] as const;

export interface EligibilityQuery {
  taskId: string;
  clientId: string;
  audience: Audience;
  /** Excludes assistants who have logged time for the client ("try someone new"). */
  onlyNewToClient: boolean;
  now: Date;
  /** How far back declines, acceptances and lapses count for ranking. */
  historySince: Date;
}

/**
 * The weights of the upper bound that orders the shortlist. A weight is 0
 * for a factor the ranking leaves out, which gives the same weighted mean.
 */
export interface BoundWeights {
  skillFit: number;
  declineHistory: number;
  reliability: number;
  load: number;
  fairness: number;
  timeZoneOverlap: number;
  trialConversion: number;
}

export interface ShortlistQuery extends EligibilityQuery {
  weights: BoundWeights;
  /** Time-zone overlap factor by IANA zone; a zone missing here is bounded by 1. */
  timeZoneOverlaps: Record<string, number>;
  /** How many candidates to return; null returns every eligible assistant. */
  limit: number | null;
}

export interface Shortlist {
  /** Eligible assistants in the order of `RankBound`, with their exact ranking inputs. */
  candidates: Candidate[];
  /** The bound of the first eligible assistant past the limit, or null when none was left out. */
  firstLeftOut: RankBound | null;
}

/**
 * Finds the assistants who may be offered the task now: active, available
 * and not away, not blocked, holding every required skill, below capacity,
 * never offered or assigned this task before, and inside the audience.
 *
 * Every eligible assistant gets an upper bound of their ranking score from
 * their profile row, where triggers keep the skill, open-work and trial
 * counts. The factors that need offer history (declines and reliability)
 * count as 1, their maximum. Only the first `limit` assistants by that
 * bound, and the one after them, get their offers and lapses read. The
 * caller ranks them exactly and widens the limit when the bound of the first
 * one left out could still reach the wave (see top-candidates.ts).
 */
export async function findShortlist(db: Tx, query: ShortlistQuery): Promise<Shortlist> {
  const { taskId, clientId, audience, onlyNewToClient, now, historySince, weights, limit } = query;
  const audienceFilter =
    audience === "primary"
      ? Prisma.sql`AND ap.id = (SELECT primary_assistant_id FROM client_accounts WHERE id = ${clientId})`
      : audience === "team"
        ? Prisma.sql`AND ap.id IN (SELECT assistant_id FROM client_team_members WHERE client_id = ${clientId})`
        : Prisma.empty;
  const newFilter = onlyNewToClient
    ? Prisma.sql`AND NOT EXISTS (SELECT 1 FROM time_entries te WHERE te.client_id = ${clientId} AND te.assistant_id = ap.id)`
    : Prisma.empty;
  const totalWeight =
    weights.skillFit + weights.declineHistory + weights.reliability + weights.load + weights.fairness + weights.timeZoneOverlap + weights.trialConversion;
  // One more row than the limit, because its bound shows the caller whether the limit was wide enough.
  const rowLimit = limit === null ? null : limit + 1;

  // The arithmetic of `upper_bound` follows rankCandidates in ranking.ts
  // factor by factor. `bound_millis` adds 1e-9 before rounding to whole
  // thousandths, so rounding differences between PostgreSQL and JavaScript
  // can only raise the bound.
  const rows = await db.$queryRaw<CandidateRow[]>`
    WITH required AS (
      SELECT skill_id FROM task_skills WHERE task_id = ${taskId}
    ),
    skilled AS (
      SELECT s.assistant_id
      FROM assistant_skills s
      WHERE s.skill_id IN (SELECT skill_id FROM required)
      GROUP BY s.assistant_id
      HAVING COUNT(*) = (SELECT COUNT(*) FROM required)
    ),
    eligible AS (
      SELECT ap.id, ap.user_id, ap.time_zone, ap.capacity, ap.last_offered_at, ap.skill_count, ap.open_assignments,
        ap.trial_clients_served, ap.trial_conversions
      FROM skilled
      JOIN assistant_profiles ap ON ap.id = skilled.assistant_id
      WHERE ap.available
        AND (ap.away_until IS NULL OR ap.away_until <= ${now})
        AND ap.user_id NOT IN (SELECT id FROM users WHERE NOT active)
        AND ap.open_assignments < ap.capacity
        AND ap.id NOT IN (
          SELECT b.assistant_id FROM blocks b
          WHERE b.lifted_at IS NULL AND b.started_at <= ${now} AND b.ends_at > ${now}
        )
        AND ap.id NOT IN (SELECT o.assistant_id FROM offers o WHERE o.task_id = ${taskId})
        AND ap.id NOT IN (SELECT a.assistant_id FROM assignments a WHERE a.task_id = ${taskId})
        ${audienceFilter}
        ${newFilter}
    ),
    bounded AS (
      SELECT e.*, floor((bound.upper_bound + 1e-9) * 1000 + 0.5) AS bound_millis
      FROM eligible e
      CROSS JOIN LATERAL (
        SELECT COALESCE((
          ${weights.skillFit}::float8 * ((SELECT COUNT(*) FROM required)::float8 / GREATEST(e.skill_count, (SELECT COUNT(*) FROM required)))
          + ${weights.declineHistory}::float8
          + ${weights.reliability}::float8
          + ${weights.load}::float8 * (1 - e.open_assignments::float8 / GREATEST(e.capacity, 1))
          + ${weights.fairness}::float8 * CASE
              WHEN e.last_offered_at IS NULL THEN 1
              ELSE LEAST(1, (EXTRACT(EPOCH FROM (${now}::timestamptz - e.last_offered_at)) * 1000)::float8 / 86400000)
            END
          + ${weights.timeZoneOverlap}::float8 * COALESCE((${JSON.stringify(query.timeZoneOverlaps)}::jsonb ->> e.time_zone)::float8, 1)
          + ${weights.trialConversion}::float8 * LEAST(1, (e.trial_conversions + 1)::float8 / (e.trial_clients_served + 3))
        ) / NULLIF(${totalWeight}::float8, 0), 0) AS upper_bound
      ) bound
    ),
    shortlisted AS (
      SELECT * FROM bounded
      ORDER BY bound_millis DESC, COALESCE(last_offered_at, to_timestamp(0)), id COLLATE "C"
      LIMIT ${rowLimit}::bigint
    )
    SELECT
      s.id AS assistant_id,
      s.user_id,
      u.name,
      u.email,
      s.time_zone,
      s.capacity,
      s.open_assignments,
      s.last_offered_at,
      s.skill_count,
      s.trial_clients_served,
      s.trial_conversions,
      s.bound_millis,
      history.acceptances,
      history.offers_on_skills,
      history.declines_on_skills,
      (SELECT COUNT(*)::int FROM lapses l WHERE l.assistant_id = s.id AND l.occurred_at >= ${historySince}) AS lapses
    FROM shortlisted s
    JOIN users u ON u.id = s.user_id
    CROSS JOIN LATERAL (
      SELECT
        COUNT(*) FILTER (WHERE o.status = 'accepted')::int AS acceptances,
        COUNT(shared.task_id)::int AS offers_on_skills,
        COUNT(shared.task_id) FILTER (WHERE o.status = 'declined')::int AS declines_on_skills
      FROM offers o
      LEFT JOIN LATERAL (
        SELECT ts.task_id FROM task_skills ts
        WHERE ts.task_id = o.task_id AND ts.skill_id IN (SELECT skill_id FROM required)
        LIMIT 1
      ) shared ON true
      WHERE o.assistant_id = s.id AND o.created_at >= ${historySince}
    ) history
    ORDER BY s.bound_millis DESC, COALESCE(s.last_offered_at, to_timestamp(0)), s.id COLLATE "C"`;

  const candidates = rows.map(toCandidate);
  if (limit === null || rows.length <= limit) {
    return { candidates, firstLeftOut: null };
  }
  const leftOut = rows[limit];

  return {
    candidates: candidates.slice(0, limit),
    firstLeftOut: leftOut ? { totalMillis: leftOut.bound_millis, lastOfferedAt: leftOut.last_offered_at, assistantId: leftOut.assistant_id } : null,
  };
}

function toCandidate(row: CandidateRow): Candidate {
  return {
    assistantId: row.assistant_id,
    userId: row.user_id,
    name: row.name,
    email: row.email,
    timeZone: row.time_zone,
    capacity: row.capacity,
    openAssignments: row.open_assignments,
    skillCount: row.skill_count,
    lastOfferedAt: row.last_offered_at,
    acceptances: row.acceptances,
    lapses: row.lapses,
    offersOnSkills: row.offers_on_skills,
    declinesOnSkills: row.declines_on_skills,
    trialClientsServed: row.trial_clients_served,
    trialConversions: row.trial_conversions,
  };
}
