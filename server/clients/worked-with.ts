import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";

type Tx = Db | Prisma.TransactionClient;

/** An assistant on the client's "My assistants" page, with the work they did for this client. */
export interface ClientAssistant {
  assistantId: string;
  name: string;
  /** False when the assistant's account is deactivated, so they take no work. */
  active: boolean;
  isPrimary: boolean;
  onTeam: boolean;
  /** True when the assistant has logged time for the client; only then can they be chosen. */
  workedForClient: boolean;
  /** Seconds logged for the client, counting a running timer up to `now`. */
  loggedSeconds: number;
  /** Number of the client's tasks the assistant logged time on. */
  taskCount: number;
  /** Mean of the ratings the client gave this assistant's approved deliveries, or null when none is rated. */
  averageRating: number | null;
  ratingCount: number;
  /** Start of the assistant's latest time entry for the client. */
  lastWorkedAt: Date | null;
}

interface WorkTotals {
  loggedSeconds: number;
  taskCount: number;
  lastWorkedAt: Date;
}

/** True when the assistant has logged time for the client, the rule for choosing a primary or a team member. */
export async function hasWorkedForClient(db: Tx, clientId: string, assistantId: string): Promise<boolean> {
  const entry = await db.timeEntry.findFirst({ where: { clientId, assistantId }, select: { id: true } });

  return entry !== null;
}

/**
 * Sums each assistant's logged seconds and counts their tasks for the
 * client. Each group of the query is one assistant on one task. Running
 * timers are added up to `now`.
 */
async function workTotals(db: Tx, clientId: string, now: Date): Promise<Map<string, WorkTotals>> {
  const [groups, running] = await Promise.all([
    db.timeEntry.groupBy({
      by: ["assistantId", "taskId"],
      where: { clientId },
      _sum: { seconds: true },
      _max: { startedAt: true },
    }),
    db.timeEntry.findMany({ where: { clientId, endedAt: null }, select: { assistantId: true, startedAt: true } }),
  ]);

  const totals = new Map<string, WorkTotals>();
  for (const group of groups) {
    const seconds = group._sum.seconds ?? 0;
    const startedAt = group._max.startedAt ?? new Date(0);
    const current = totals.get(group.assistantId);
    if (!current) {
      totals.set(group.assistantId, { loggedSeconds: seconds, taskCount: 1, lastWorkedAt: startedAt });
      continue;
    }
    current.loggedSeconds += seconds;
    current.taskCount += 1;
    if (startedAt > current.lastWorkedAt) {
      current.lastWorkedAt = startedAt;
    }
  }

  // A running timer has no stored seconds yet, so its time so far is added here.
  for (const entry of running) {
    const current = totals.get(entry.assistantId);
    if (current) {
      current.loggedSeconds += Math.max(0, Math.floor((now.getTime() - entry.startedAt.getTime()) / 1000));
    }
  }

  return totals;
}

/** Collects the ratings the client gave, per assistant who delivered the rated work. */
async function ratingsByAssistant(db: Tx, clientId: string): Promise<Map<string, number[]>> {
  const reviews = await db.review.findMany({
    where: { task: { clientId }, decision: "approved", rating: { not: null } },
    select: { rating: true, delivery: { select: { assistantId: true } } },
  });

  const ratings = new Map<string, number[]>();
  for (const review of reviews) {
    if (review.rating === null) {
      continue;
    }
    const list = ratings.get(review.delivery.assistantId) ?? [];
    list.push(review.rating);
    ratings.set(review.delivery.assistantId, list);
  }

  return ratings;
}

/**
 * Lists the assistants who have logged time for the client, plus the
 * primary and team members who have not (yet), so the client can see and
 * remove them. The primary comes first, then the team, then the others by
 * time logged, most first.
 */
export async function listClientAssistants(db: Tx, clientId: string, now: Date): Promise<ClientAssistant[]> {
  const [client, totals, ratings] = await Promise.all([
    db.clientAccount.findUniqueOrThrow({ where: { id: clientId }, select: { primaryAssistantId: true, team: { select: { assistantId: true } } } }),
    workTotals(db, clientId, now),
    ratingsByAssistant(db, clientId),
  ]);
  const teamIds = new Set(client.team.map((member) => member.assistantId));
  const ids = new Set([...totals.keys(), ...teamIds]);
  if (client.primaryAssistantId) {
    ids.add(client.primaryAssistantId);
  }

  const profiles = await db.assistantProfile.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, user: { select: { name: true, active: true } } },
  });

  const assistants = profiles.map((profile): ClientAssistant => {
    const work = totals.get(profile.id);
    const rated = ratings.get(profile.id) ?? [];

    return {
      assistantId: profile.id,
      name: profile.user.name,
      active: profile.user.active,
      isPrimary: profile.id === client.primaryAssistantId,
      onTeam: teamIds.has(profile.id),
      workedForClient: work !== undefined,
      loggedSeconds: work?.loggedSeconds ?? 0,
      taskCount: work?.taskCount ?? 0,
      averageRating: rated.length > 0 ? rated.reduce((sum, rating) => sum + rating, 0) / rated.length : null,
      ratingCount: rated.length,
      lastWorkedAt: work?.lastWorkedAt ?? null,
    };
  });

  return assistants.sort(
    (a, b) =>
      Number(b.isPrimary) - Number(a.isPrimary) ||
      Number(b.onTeam) - Number(a.onTeam) ||
      b.loggedSeconds - a.loggedSeconds ||
      a.name.localeCompare(b.name),
  );
}
