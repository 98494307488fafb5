import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { rate } from "../metrics/range";
import { ACTIVE_TASK_STATUSES } from "../routing/eligibility";
import { getSettings } from "../settings";

/** An assistant's standing for new work. The kinds are listed in the order the checks apply. */
export type AssistantAvailability =
  | { kind: "deactivated" }
  | { kind: "blocked"; until: Date }
  | { kind: "away"; until: Date | null }
  | { kind: "at_capacity" }
  | { kind: "available" };

const rosterSelect = (now: Date) =>
  ({
    id: true,
    capacity: true,
    available: true,
    awayUntil: true,
    timeZone: true,
    user: { select: { name: true, email: true, active: true } },
    skills: { select: { skill: { select: { slug: true, name: true } } }, orderBy: { skill: { name: "asc" } } },
    blocks: { where: { liftedAt: null, startedAt: { lte: now }, endsAt: { gt: now } }, orderBy: { endsAt: "desc" }, take: 1, select: { endsAt: true } },
    _count: { select: { assignments: { where: { endedAt: null, task: { status: { in: [...ACTIVE_TASK_STATUSES] } } } } } },
  }) satisfies Prisma.AssistantProfileSelect;

type RosterRow = Prisma.AssistantProfileGetPayload<{ select: ReturnType<typeof rosterSelect> }>;

function availabilityOf(row: RosterRow, now: Date): AssistantAvailability {
  const block = row.blocks[0];
  if (!row.user.active) {
    return { kind: "deactivated" };
  }
  if (block) {
    return { kind: "blocked", until: block.endsAt };
  }
  if (!row.available || (row.awayUntil && row.awayUntil > now)) {
    return { kind: "away", until: row.awayUntil && row.awayUntil > now ? row.awayUntil : null };
  }
  if (row._count.assignments >= row.capacity) {
    return { kind: "at_capacity" };
  }

  return { kind: "available" };
}

/** Loads the assistants (active ones only unless `includeInactive`) with their availability, skills and open tasks. */
export async function loadAssistants(db: Db, now: Date, includeInactive: boolean) {
  const rows = await db.assistantProfile.findMany({ where: includeInactive ? {} : { user: { active: true } }, orderBy: { user: { name: "asc" } }, select: rosterSelect(now) });

  return rows.map((row) => ({
    id: row.id,
    name: row.user.name,
    email: row.user.email,
    timeZone: row.timeZone,
    active: row.user.active,
    capacity: row.capacity,
    openTasks: row._count.assignments,
    availability: availabilityOf(row, now),
    skills: row.skills.map((entry) => entry.skill),
  }));
}

/**
 * Loads every assistant with their lapses and acceptance rate since
 * `windowStart`. The acceptance rate counts the offers they accepted,
 * declined or let expire, and leaves out withdrawn and pending offers.
 */
async function loadAssistantStats(db: Db, now: Date, windowStart: Date) {
  const [assistants, lapses, offers] = await Promise.all([
    loadAssistants(db, now, true),
    db.lapse.groupBy({ by: ["assistantId"], where: { occurredAt: { gte: windowStart, lte: now } }, _count: { _all: true } }),
    db.offer.groupBy({
      by: ["assistantId", "status"],
      where: { createdAt: { gte: windowStart, lte: now }, status: { in: ["accepted", "declined", "expired"] } },
      _count: { _all: true },
    }),
  ]);
  const lapsesByAssistant = new Map(lapses.map((row) => [row.assistantId, row._count._all]));

  return assistants.map((assistant) => {
    const own = offers.filter((offer) => offer.assistantId === assistant.id);
    const accepted = own.find((offer) => offer.status === "accepted")?._count._all ?? 0;
    const answered = own.reduce((sum, offer) => sum + offer._count._all, 0);

    return { ...assistant, lapses: lapsesByAssistant.get(assistant.id) ?? 0, offersAnswered: answered, acceptanceRate: rate(accepted, answered) };
  });
}

/** Loads every assistant, deactivated ones too, with lapses and acceptance over the lapse window, and the skill list. */
export async function loadAssistantRoster(db: Db, now: Date) {
  const settings = await getSettings(db);
  const windowStart = new Date(now.getTime() - settings.lapseWindowSeconds * 1000);
  const [assistants, skills] = await Promise.all([
    loadAssistantStats(db, now, windowStart),
    db.skill.findMany({ orderBy: [{ category: "asc" }, { name: "asc" }], select: { slug: true, name: true, category: true } }),
  ]);

  return { windowSeconds: settings.lapseWindowSeconds, lapsesToBlock: settings.lapsesToBlock, assistants, skills };
}
