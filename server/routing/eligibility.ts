import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";

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
}

/** Task statuses during which an assignment takes one of the assistant's capacity slots. */
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
 * Finds the assistants who may be offered the task now: active, available
 * and not away, not blocked, holding every required skill, below capacity,
 * never offered or assigned this task before, and inside the audience. The
 * filter runs in SQL, starting from the skill index, so the cost follows the
 * number of skilled assistants rather than all of them.
 */
export async function findEligibleAssistants(db: Tx, query: EligibilityQuery): Promise<Candidate[]> {
  const { taskId, clientId, audience, onlyNewToClient, now, historySince } = query;
  const audienceFilter =
    audience === "primary"
      ? Prisma.sql`AND ap.id = (SELECT primary_assistant_id FROM client_accounts WHERE id = ${clientId})`
      : audience === "team"
        ? Prisma.sql`AND ap.id IN (SELECT assistant_id FROM client_team_members WHERE client_id = ${clientId})`
        : Prisma.empty;
  const newFilter = onlyNewToClient
    ? Prisma.sql`AND NOT EXISTS (SELECT 1 FROM time_entries te WHERE te.client_id = ${clientId} AND te.assistant_id = ap.id)`
    : Prisma.empty;

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
      SELECT ap.id, ap.user_id, ap.time_zone, ap.capacity, ap.last_offered_at, open_work.count AS open_assignments
      FROM skilled
      JOIN assistant_profiles ap ON ap.id = skilled.assistant_id
      JOIN users u ON u.id = ap.user_id AND u.active
      CROSS JOIN LATERAL (
        SELECT COUNT(*)::int AS count
        FROM assignments a
        JOIN tasks t ON t.id = a.task_id
        WHERE a.assistant_id = ap.id AND a.ended_at IS NULL
          AND t.status IN ('assigned', 'in_progress', 'out_of_time')
      ) open_work
      WHERE ap.available
        AND (ap.away_until IS NULL OR ap.away_until <= ${now})
        AND open_work.count < ap.capacity
        AND NOT EXISTS (
          SELECT 1 FROM blocks b
          WHERE b.assistant_id = ap.id AND b.lifted_at IS NULL AND b.started_at <= ${now} AND b.ends_at > ${now}
        )
        AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.task_id = ${taskId} AND o.assistant_id = ap.id)
        AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = ${taskId} AND a.assistant_id = ap.id)
        ${audienceFilter}
        ${newFilter}
    )
    SELECT
      e.id AS assistant_id,
      e.user_id,
      u.name,
      u.email,
      e.time_zone,
      e.capacity,
      e.open_assignments,
      e.last_offered_at,
      (SELECT COUNT(*)::int FROM assistant_skills s WHERE s.assistant_id = e.id) AS skill_count,
      history.acceptances,
      history.offers_on_skills,
      history.declines_on_skills,
      (SELECT COUNT(*)::int FROM lapses l WHERE l.assistant_id = e.id AND l.occurred_at >= ${historySince}) AS lapses,
      (SELECT COUNT(DISTINCT te.client_id)::int FROM time_entries te WHERE te.assistant_id = e.id AND te.covered_by_platform) AS trial_clients_served,
      (SELECT COUNT(*)::int FROM conversion_credits cc WHERE cc.assistant_id = e.id) AS trial_conversions
    FROM eligible e
    JOIN users u ON u.id = e.user_id
    CROSS JOIN LATERAL (
      SELECT
        COUNT(*) FILTER (WHERE o.status = 'accepted')::int AS acceptances,
        COUNT(*) FILTER (WHERE o.shares_skill)::int AS offers_on_skills,
        COUNT(*) FILTER (WHERE o.shares_skill AND o.status = 'declined')::int AS declines_on_skills
      FROM (
        SELECT o.status, EXISTS (
          SELECT 1 FROM task_skills ts WHERE ts.task_id = o.task_id AND ts.skill_id IN (SELECT skill_id FROM required)
        ) AS shares_skill
        FROM offers o
        WHERE o.assistant_id = e.id AND o.created_at >= ${historySince}
      ) o
    ) history`;

  return rows.map((row) => ({
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
  }));
}
