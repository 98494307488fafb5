import type { Db } from "../db/client";
import { TaskStatus, type Prisma } from "../db/generated/client";
import { UNROUTED_LIMIT, unroutedTaskSelect } from "./unrouted-queue";

/** How far back the overview lists conversions. */
const RECENT_CONVERSION_DAYS = 30;
const RECENT_CONVERSION_LIMIT = 10;

const conversionSelect = {
  id: true,
  planCode: true,
  convertedAt: true,
  trialSecondsUsed: true,
  client: { select: { companyName: true } },
} satisfies Prisma.ConversionSelect;

/** Loads head counts, tasks by status, the unrouted queue and recent conversions. */
export async function loadAdminOverview(db: Db, now: Date) {
  const subscribedNow: Prisma.SubscriptionWhereInput = { startedAt: { lte: now }, OR: [{ endedAt: null }, { endedAt: { gt: now } }] };
  const conversionsSince = new Date(now.getTime() - RECENT_CONVERSION_DAYS * 24 * 60 * 60 * 1000);

  const [clients, paidClients, assistants, availableAssistants, statusRows, runningTimers, unrouted, conversions, plans] = await Promise.all([
    db.clientAccount.count({ where: { user: { active: true } } }),
    db.clientAccount.count({ where: { user: { active: true }, subscriptions: { some: subscribedNow } } }),
    db.assistantProfile.count({ where: { user: { active: true } } }),
    db.assistantProfile.count({ where: { user: { active: true }, available: true } }),
    db.task.groupBy({ by: ["status"], _count: { _all: true } }),
    db.timeEntry.count({ where: { endedAt: null } }),
    db.task.findMany({ where: { status: "unrouted" }, orderBy: { updatedAt: "asc" }, take: UNROUTED_LIMIT, select: unroutedTaskSelect }),
    db.conversion.findMany({
      where: { convertedAt: { gte: conversionsSince, lte: now } },
      orderBy: { convertedAt: "desc" },
      take: RECENT_CONVERSION_LIMIT,
      select: conversionSelect,
    }),
    db.plan.findMany({ select: { code: true, name: true } }),
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
}
