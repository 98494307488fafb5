import { z } from "zod";

import { emailSubject } from "~/emails";

import type { Db } from "../../db/client";
import { TaskStatus, type Prisma } from "../../db/generated/client";
import { AppError } from "../../errors";
import { rate } from "../../metrics/range";
import { ACTIVE_TASK_STATUSES } from "../../routing/eligibility";
import { defaultSettings, getSettings } from "../../settings";
import { adminProcedure, createRouter } from "../trpc";

/** How far back the overview lists conversions. */
const RECENT_CONVERSION_DAYS = 30;
const RECENT_CONVERSION_LIMIT = 10;
/** The unrouted queue shows the longest-waiting tasks first, up to this many. */
const UNROUTED_LIMIT = 50;

const unroutedTaskSelect = {
  id: true,
  title: true,
  createdAt: true,
  updatedAt: true,
  fallThroughReason: true,
  client: { select: { companyName: true } },
  skills: { select: { skill: { select: { slug: true, name: true } } } },
} satisfies Prisma.TaskSelect;

const conversionSelect = {
  id: true,
  planCode: true,
  convertedAt: true,
  trialSecondsUsed: true,
  client: { select: { companyName: true } },
} satisfies Prisma.ConversionSelect;

/** The audit log's page size. */
const AUDIT_PAGE_SIZE = 50;
/** The actor filter's value for events that no person caused (deadlines, jobs). */
export const SYSTEM_ACTOR = "system";

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
async function loadAssistants(db: Db, now: Date, includeInactive: boolean) {
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
async function loadAssistantRoster(db: Db, now: Date, windowStart: Date) {
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

const taskDetailSelect = {
  id: true,
  title: true,
  description: true,
  status: true,
  preference: true,
  fallThroughReason: true,
  currentWave: true,
  reallocationCount: true,
  timeLimitSeconds: true,
  dueAt: true,
  createdAt: true,
  completedAt: true,
  cancelledAt: true,
  client: { select: { id: true, companyName: true, timeZone: true, user: { select: { name: true, email: true } } } },
  skills: { select: { skill: { select: { slug: true, name: true } } } },
  offers: {
    orderBy: [{ wave: "asc" }, { score: "desc" }],
    select: {
      id: true,
      wave: true,
      status: true,
      endReason: true,
      declineReason: true,
      declineNote: true,
      clientOnTrial: true,
      score: true,
      scoreBreakdown: true,
      createdAt: true,
      expiresAt: true,
      respondedAt: true,
      assistant: { select: { id: true, user: { select: { name: true } } } },
    },
  },
  assignments: {
    orderBy: { acceptedAt: "asc" },
    select: {
      id: true,
      offerId: true,
      acceptedAt: true,
      startBy: true,
      firstStartedAt: true,
      endedAt: true,
      endReason: true,
      assistant: { select: { id: true, user: { select: { name: true } } } },
    },
  },
  timeEntries: {
    orderBy: { startedAt: "asc" },
    select: {
      id: true,
      startedAt: true,
      endedAt: true,
      seconds: true,
      source: true,
      stopCause: true,
      flagged: true,
      coveredByPlatform: true,
      assistant: { select: { user: { select: { name: true } } } },
      corrections: {
        orderBy: { createdAt: "asc" },
        select: { id: true, reason: true, oldStartedAt: true, oldEndedAt: true, newStartedAt: true, newEndedAt: true, createdAt: true, actor: { select: { name: true } } },
      },
    },
  },
  handoffs: { orderBy: { createdAt: "asc" }, select: { id: true, achieved: true, extraMinutesNeeded: true, createdAt: true, resolvedAt: true, assistant: { select: { user: { select: { name: true } } } } } },
  deliveries: {
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      note: true,
      createdAt: true,
      assistant: { select: { user: { select: { name: true } } } },
      review: { select: { decision: true, rating: true, comment: true, automatic: true, createdAt: true } },
    },
  },
} satisfies Prisma.TaskSelect;

/**
 * Loads the outbox emails about a task. Event keys name the record an
 * email is about (`offer-withdrawn:<offerId>`, `start-reminder:<assignmentId>`
 * and so on), so any key that contains the id of the task or of one of its
 * offers, assignments, entries, handoffs or deliveries belongs to it.
 */
async function loadTaskEmails(db: Db, recordIds: string[]) {
  const rows = await db.emailOutbox.findMany({
    where: { OR: recordIds.map((recordId) => ({ eventKey: { contains: recordId } })) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, eventKey: true, toEmail: true, template: true, payload: true, status: true, createdAt: true, sentAt: true },
  });

  return rows.map(({ payload, ...row }) => {
    let subject: string;
    try {
      subject = emailSubject(row.template, payload);
    } catch {
      subject = `(cannot render “${row.template}”)`;
    }

    return { ...row, subject };
  });
}

/**
 * Finds when each task last became unrouted: the time of its newest "still
 * looking" notice to the client, which routing writes at that moment.
 */
async function unroutedSinceByTask(db: Db, taskIds: string[]): Promise<Map<string, Date>> {
  if (taskIds.length === 0) {
    return new Map();
  }
  const notices = await db.notification.findMany({
    where: { OR: taskIds.map((taskId) => ({ eventKey: { startsWith: `still-looking:${taskId}:` } })) },
    orderBy: { createdAt: "asc" },
    select: { eventKey: true, createdAt: true },
  });
  const since = new Map<string, Date>();
  for (const notice of notices) {
    const taskId = notice.eventKey.split(":")[1];
    if (taskId) {
      since.set(taskId, notice.createdAt);
    }
  }

  return since;
}

const auditQuery = z.object({
  entityType: z.string().max(50).optional(),
  /** A user id, or SYSTEM_ACTOR for events without an actor. */
  actorId: z.string().max(50).optional(),
  /** The id of the last event of the previous page. */
  cursor: z.string().max(50).optional(),
});

/** Platform-wide figures for admins. */
export const adminRouter = createRouter({
  /** Head counts, tasks by status, the unrouted queue and recent conversions. */
  overview: adminProcedure.query(async ({ ctx }) => {
    const now = ctx.clock.now();
    const subscribedNow: Prisma.SubscriptionWhereInput = { startedAt: { lte: now }, OR: [{ endedAt: null }, { endedAt: { gt: now } }] };
    const conversionsSince = new Date(now.getTime() - RECENT_CONVERSION_DAYS * 24 * 60 * 60 * 1000);

    const [clients, paidClients, assistants, availableAssistants, statusRows, runningTimers, unrouted, conversions, plans] = await Promise.all([
      ctx.db.clientAccount.count({ where: { user: { active: true } } }),
      ctx.db.clientAccount.count({ where: { user: { active: true }, subscriptions: { some: subscribedNow } } }),
      ctx.db.assistantProfile.count({ where: { user: { active: true } } }),
      ctx.db.assistantProfile.count({ where: { user: { active: true }, available: true } }),
      ctx.db.task.groupBy({ by: ["status"], _count: { _all: true } }),
      ctx.db.timeEntry.count({ where: { endedAt: null } }),
      ctx.db.task.findMany({ where: { status: "unrouted" }, orderBy: { updatedAt: "asc" }, take: UNROUTED_LIMIT, select: unroutedTaskSelect }),
      ctx.db.conversion.findMany({
        where: { convertedAt: { gte: conversionsSince, lte: now } },
        orderBy: { convertedAt: "desc" },
        take: RECENT_CONVERSION_LIMIT,
        select: conversionSelect,
      }),
      ctx.db.plan.findMany({ select: { code: true, name: true } }),
    ]);

    const tasksByStatus = Object.fromEntries(Object.values(TaskStatus).map((status) => [status, 0])) as Record<TaskStatus, number>;
    for (const row of statusRows) {
      tasksByStatus[row.status] = row._count._all;
    }
    const planNames = new Map(plans.map((plan) => [plan.code, plan.name]));

    return {
      clients: { total: clients, trial: clients - paidClients, paid: paidClients },
      assistants: { total: assistants, available: availableAssistants },
      tasksByStatus,
      runningTimers,
      unrouted: unrouted.map((task) => ({
        id: task.id,
        title: task.title,
        clientName: task.client.companyName,
        submittedAt: task.createdAt,
        // NOTE: no column records when a task became unrouted; its last update is the closest stand-in.
        unroutedSince: task.updatedAt,
        fallThroughReason: task.fallThroughReason,
        skills: task.skills.map((row) => row.skill),
      })),
      recentConversionDays: RECENT_CONVERSION_DAYS,
      recentConversions: conversions.map((conversion) => ({
        id: conversion.id,
        clientName: conversion.client.companyName,
        planName: planNames.get(conversion.planCode) ?? conversion.planCode,
        convertedAt: conversion.convertedAt,
        trialSecondsUsed: conversion.trialSecondsUsed,
      })),
    };
  }),

  /** Tasks no assistant could be found for, longest waiting first, and the assistants an admin can offer them to. */
  unroutedQueue: adminProcedure.query(async ({ ctx }) => {
    const now = ctx.clock.now();
    const [tasks, assistants] = await Promise.all([
      ctx.db.task.findMany({
        where: { status: "unrouted" },
        orderBy: { updatedAt: "asc" },
        take: UNROUTED_LIMIT,
        select: { ...unroutedTaskSelect, currentWave: true, offers: { select: { assistantId: true } } },
      }),
      loadAssistants(ctx.db, now, false),
    ]);
    const since = await unroutedSinceByTask(
      ctx.db,
      tasks.map((task) => task.id),
    );
    const queue = tasks.map((task) => ({
      id: task.id,
      title: task.title,
      clientName: task.client.companyName,
      submittedAt: task.createdAt,
      // NOTE: a task made unrouted without a "still looking" notice (after too many reallocations) falls back to its last update.
      unroutedSince: since.get(task.id) ?? task.updatedAt,
      fallThroughReason: task.fallThroughReason,
      wavesSent: task.currentWave,
      skills: task.skills.map((row) => row.skill),
      offeredAssistantIds: task.offers.map((offer) => offer.assistantId),
    }));

    return { limit: UNROUTED_LIMIT, tasks: queue.sort((a, b) => a.unroutedSince.getTime() - b.unroutedSince.getTime()), assistants };
  }),

  /** One task's whole history: offers, assignments, time, handoffs, deliveries, emails and audit events. */
  task: adminProcedure.input(z.object({ id: z.string().min(1) })).query(async ({ ctx, input }) => {
    const now = ctx.clock.now();
    const task = await ctx.db.task.findUnique({ where: { id: input.id }, select: taskDetailSelect });
    if (!task) {
      throw AppError.notFound("Task");
    }
    const recordIds = [
      task.id,
      ...task.offers.map((offer) => offer.id),
      ...task.assignments.map((assignment) => assignment.id),
      ...task.timeEntries.map((entry) => entry.id),
      ...task.handoffs.map((handoff) => handoff.id),
      ...task.deliveries.map((delivery) => delivery.id),
    ];
    const [emails, auditEvents, assistants] = await Promise.all([
      loadTaskEmails(ctx.db, recordIds),
      ctx.db.auditEvent.findMany({
        where: { entityType: "task", entityId: task.id },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, action: true, before: true, after: true, reason: true, createdAt: true, actor: { select: { name: true } } },
      }),
      loadAssistants(ctx.db, now, false),
    ]);

    return {
      ...task,
      openAssignmentId: task.assignments.find((assignment) => assignment.endedAt === null)?.id ?? null,
      loggedSeconds: task.timeEntries.reduce((sum, entry) => sum + (entry.seconds ?? Math.max(0, Math.floor((now.getTime() - entry.startedAt.getTime()) / 1000))), 0),
      emails,
      auditEvents,
      assistants,
    };
  }),

  /** Every assistant, deactivated ones too, with lapses and acceptance over the lapse window, and the skill list. */
  assistants: adminProcedure.query(async ({ ctx }) => {
    const now = ctx.clock.now();
    const settings = await getSettings(ctx.db);
    const windowStart = new Date(now.getTime() - settings.lapseWindowSeconds * 1000);
    const [assistants, skills] = await Promise.all([
      loadAssistantRoster(ctx.db, now, windowStart),
      ctx.db.skill.findMany({ orderBy: [{ category: "asc" }, { name: "asc" }], select: { slug: true, name: true, category: true } }),
    ]);

    return { windowSeconds: settings.lapseWindowSeconds, lapsesToBlock: settings.lapsesToBlock, assistants, skills };
  }),

  /** The settings in force, their defaults, and who last changed each stored one. */
  settings: adminProcedure.query(async ({ ctx }) => {
    const [settings, stored] = await Promise.all([
      getSettings(ctx.db),
      ctx.db.setting.findMany({ select: { key: true, updatedAt: true, updatedBy: { select: { name: true } } } }),
    ]);

    return {
      settings,
      defaults: defaultSettings,
      changes: stored.map((row) => ({ key: row.key, updatedAt: row.updatedAt, updatedByName: row.updatedBy?.name ?? null })),
    };
  }),

  /** Audit events newest first, 50 a page, filtered by entity type and actor. `nextCursor` is null on the last page. */
  auditLog: adminProcedure.input(auditQuery).query(async ({ ctx, input }) => {
    const where: Prisma.AuditEventWhereInput = {
      ...(input.entityType ? { entityType: input.entityType } : {}),
      ...(input.actorId ? { actorId: input.actorId === SYSTEM_ACTOR ? null : input.actorId } : {}),
    };
    const rows = await ctx.db.auditEvent.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: AUDIT_PAGE_SIZE + 1,
      ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      select: { id: true, action: true, entityType: true, entityId: true, before: true, after: true, reason: true, createdAt: true, actor: { select: { id: true, name: true, role: true } } },
    });
    const events = rows.slice(0, AUDIT_PAGE_SIZE);

    return { events, nextCursor: rows.length > AUDIT_PAGE_SIZE ? (events.at(-1)?.id ?? null) : null, pageSize: AUDIT_PAGE_SIZE };
  }),

  /** The entity types and actors that occur in the audit log, for its filters. */
  auditFilters: adminProcedure.query(async ({ ctx }) => {
    const [types, actors] = await Promise.all([
      ctx.db.auditEvent.groupBy({ by: ["entityType"], orderBy: { entityType: "asc" } }),
      ctx.db.auditEvent.groupBy({ by: ["actorId"] }),
    ]);
    const actorIds = actors.flatMap((row) => (row.actorId ? [row.actorId] : []));
    const users = await ctx.db.user.findMany({ where: { id: { in: actorIds } }, orderBy: { name: "asc" }, select: { id: true, name: true, role: true } });

    return { entityTypes: types.map((row) => row.entityType), actors: users, hasSystemEvents: actors.some((row) => row.actorId === null) };
  }),
});
