/**
 * The demo seed against a real database. The tests check the promised
 * counts, the weeks of generated history, and the product rules every
 * seeded row must obey: one running timer per assistant, no client past
 * its allowance, and workers with the skills and the capacity. A second
 * run must change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { assistantStats } from "~/server/assistants/stats";
import { verifyCredentials } from "~/server/auth/credentials";
import { getBalance } from "~/server/budget/balance";
import { trialFunnel } from "~/server/metrics/funnel";
import { loadSeedData, type SeedData } from "~/server/seed/data";
import { seedDatabase, type SeedResult } from "~/server/seed";

import { createTestDatabase, type TestDatabase } from "../support/database";

const NOW = new Date("2026-12-07T10:00:00.000Z");
const DAY_MS = 24 * 60 * 60 * 1000;

let database: TestDatabase;
let firstRun: SeedResult;
let data: SeedData;
let demoEmails: string[];

beforeAll(async () => {
  database = await createTestDatabase();
  firstRun = await seedDatabase(database.prisma, { now: NOW });
  data = await loadSeedData();
  demoEmails = data.clients.map((client) => client.email);
});

afterAll(async () => {
  await database.close();
});

/** Row counts of every table the seed writes. */
async function countRows() {
  const db = database.prisma;
  const [users, skills, plans, assistants, clients, subscriptions, tasks, offers, assignments, entries, deliveries, reviews, conversions] = await Promise.all([
    db.user.count(),
    db.skill.count(),
    db.plan.count(),
    db.assistantProfile.count(),
    db.clientAccount.count(),
    db.subscription.count(),
    db.task.count(),
    db.offer.count(),
    db.assignment.count(),
    db.timeEntry.count(),
    db.delivery.count(),
    db.review.count(),
    db.conversion.count(),
  ]);

  return { users, skills, plans, assistants, clients, subscriptions, tasks, offers, assignments, entries, deliveries, reviews, conversions };
}

describe("seed counts", () => {
  it("reports a fresh seed", async () => {
    expect(firstRun).toEqual({ status: "seeded", users: await database.prisma.user.count(), tasks: await database.prisma.task.count() });
  });

  it("creates skills, plans and people", async () => {
    const db = database.prisma;

    expect(await db.skill.count()).toBe(24);
    expect(await db.plan.count()).toBe(4);
    expect(await db.user.count({ where: { role: "assistant" } })).toBe(24);
    expect(await db.assistantProfile.count()).toBe(24);
    expect(await db.user.count({ where: { role: "admin" } })).toBe(1);
    expect(await db.user.count({ where: { role: "client", email: { in: demoEmails } } })).toBe(10);
  });

  it("splits demo clients into 6 trial and 4 paid", async () => {
    const db = database.prisma;
    const demo = { user: { email: { in: demoEmails } } };
    const paid = await db.clientAccount.count({ where: { ...demo, subscriptions: { some: {} } } });
    const trial = await db.clientAccount.count({ where: { ...demo, subscriptions: { none: {} } } });

    expect(trial).toBe(6);
    expect(paid).toBe(4);
    expect(await db.conversion.count({ where: { client: demo } })).toBe(4);
  });

  it("gives paid clients their plan, primary and team", async () => {
    for (const client of data.clients.filter((entry) => entry.plan !== "trial")) {
      const account = await database.prisma.clientAccount.findFirstOrThrow({
        where: { user: { email: client.email } },
        select: {
          subscriptions: { select: { planCode: true } },
          primaryAssistant: { select: { user: { select: { email: true } } } },
          team: { select: { assistant: { select: { user: { select: { email: true } } } } } },
        },
      });

      expect(account.subscriptions.map((row) => row.planCode), client.email).toEqual([client.plan]);
      expect(account.primaryAssistant?.user.email, client.email).toBe(client.primary);
      expect(account.team.map((row) => row.assistant.user.email).sort(), client.email).toEqual([...client.team].sort());
    }
  });

  it("turns all 40 briefs into tasks across the states", async () => {
    const db = database.prisma;
    const demoTasks = { client: { user: { email: { in: demoEmails } } } };
    const byStatus = await db.task.groupBy({ by: ["status"], where: demoTasks, _count: { _all: true } });
    const statuses = new Set(byStatus.map((row) => row.status));

    expect(await db.task.count({ where: demoTasks })).toBe(40);
    for (const status of ["routing", "unrouted", "assigned", "in_progress", "out_of_time", "in_review", "completed"] as const) {
      expect(statuses, status).toContain(status);
    }
  });
});

describe("seeded rows obey the product rules", () => {
  it("runs at most one timer per assistant", async () => {
    const running = await database.prisma.timeEntry.groupBy({ by: ["assistantId"], where: { endedAt: null }, _count: { _all: true } });

    expect(running.length).toBeGreaterThan(1);
    for (const row of running) {
      expect(row._count._all, row.assistantId).toBe(1);
    }
  });

  it("keeps every client within its allowance", async () => {
    const clients = await database.prisma.clientAccount.findMany({ select: { id: true, companyName: true, trialSeconds: true } });
    for (const client of clients) {
      const balance = await getBalance(database.prisma, client.id, NOW);

      expect(balance.usedSeconds, client.companyName).toBeLessThanOrEqual(balance.cycle.allowanceSeconds + balance.topUpSeconds);

      const trialTime = await database.prisma.timeEntry.aggregate({ where: { clientId: client.id, coveredByPlatform: true }, _sum: { seconds: true } });
      expect(trialTime._sum.seconds ?? 0, `${client.companyName} trial time`).toBeLessThanOrEqual(client.trialSeconds);
    }
  });

  it("marks trial time as covered by the platform", async () => {
    const entries = await database.prisma.timeEntry.findMany({
      select: {
        startedAt: true,
        coveredByPlatform: true,
        client: { select: { companyName: true, conversion: { select: { convertedAt: true } } } },
      },
    });
    for (const entry of entries) {
      const convertedAt = entry.client.conversion?.convertedAt;
      const duringTrial = !convertedAt || entry.startedAt < convertedAt;

      expect(entry.coveredByPlatform, entry.client.companyName).toBe(duringTrial);
    }
  });

  it("gives open work to skilled assistants under capacity", async () => {
    const assignments = await database.prisma.assignment.findMany({
      where: { endedAt: null },
      select: {
        task: { select: { title: true, skills: { select: { skillId: true } } } },
        assistant: { select: { id: true, capacity: true, available: true, skills: { select: { skillId: true } } } },
      },
    });
    const openByAssistant = new Map<string, number>();
    for (const assignment of assignments) {
      const skills = new Set(assignment.assistant.skills.map((row) => row.skillId));

      expect(assignment.task.skills.every((row) => skills.has(row.skillId)), assignment.task.title).toBe(true);
      expect(assignment.assistant.available, assignment.task.title).toBe(true);
      openByAssistant.set(assignment.assistant.id, (openByAssistant.get(assignment.assistant.id) ?? 0) + 1);
    }
    for (const assignment of assignments) {
      expect(openByAssistant.get(assignment.assistant.id)).toBeLessThanOrEqual(assignment.assistant.capacity);
    }
  });

  it("leaves pending offers and start windows open at now", async () => {
    const db = database.prisma;
    const expiredPending = await db.offer.count({ where: { status: "pending", expiresAt: { lte: NOW } } });
    const overdueStarts = await db.assignment.count({ where: { endedAt: null, firstStartedAt: null, startBy: { lte: NOW } } });

    expect(expiredPending).toBe(0);
    expect(overdueStarts).toBe(0);
  });

  it("places no event after now", async () => {
    const db = database.prisma;

    expect(await db.task.count({ where: { createdAt: { gt: NOW } } })).toBe(0);
    expect(await db.offer.count({ where: { createdAt: { gt: NOW } } })).toBe(0);
    expect(await db.timeEntry.count({ where: { OR: [{ startedAt: { gt: NOW } }, { endedAt: { gt: NOW } }] } })).toBe(0);
    expect(await db.handoff.count({ where: { createdAt: { gt: NOW } } })).toBe(0);
    expect(await db.review.count({ where: { createdAt: { gt: NOW } } })).toBe(0);
  });

  it("stores a score breakdown on every offer", async () => {
    const offers = await database.prisma.offer.findMany({ select: { score: true, scoreBreakdown: true } });
    for (const offer of offers) {
      const breakdown = offer.scoreBreakdown as { factors?: Record<string, unknown>; total?: number };

      expect(Object.keys(breakdown.factors ?? {})).toContain("skillFit");
      expect(breakdown.total).toBe(offer.score);
    }
  });
});

describe("seeded history", () => {
  const history = () => ({ user: { email: { notIn: demoEmails } } });

  /** Counts rows whose instant falls in each week before NOW, week 0 being the newest. */
  function byWeekAgo(instants: Date[], weeks: number): number[] {
    const counts = Array.from({ length: weeks }, () => 0);
    for (const instant of instants) {
      const week = Math.floor((NOW.getTime() - instant.getTime()) / (7 * DAY_MS));
      if (week >= 0 && week < weeks) {
        counts[week] = (counts[week] ?? 0) + 1;
      }
    }

    return counts;
  }

  it("spreads sign-ups over eight weeks", async () => {
    const clients = await database.prisma.clientAccount.findMany({ where: history(), select: { trialStartedAt: true } });
    const weeks = byWeekAgo(clients.map((client) => client.trialStartedAt), data.history.weeks);

    expect(data.history.weeks).toBe(8);
    expect(clients.length).toBe(weeks.reduce((sum, count) => sum + count, 0));
    for (const [week, count] of weeks.entries()) {
      expect(count, `sign-ups ${week} weeks ago`).toBeGreaterThanOrEqual(data.history.signupsPerWeek.min);
    }
  });

  it("converts a client at least every three weeks", async () => {
    const conversions = await database.prisma.conversion.findMany({ where: { client: history() }, select: { convertedAt: true } });
    const weeks = byWeekAgo(conversions.map((conversion) => conversion.convertedAt), data.history.weeks);

    for (let newest = 0; newest + 3 <= weeks.length; newest += 1) {
      const inWindow = weeks.slice(newest, newest + 3).reduce((sum, count) => sum + count, 0);
      expect(inWindow, `conversions ${newest} to ${newest + 3} weeks ago`).toBeGreaterThan(0);
    }
  });

  it("credits each conversion by trial share", async () => {
    const conversions = await database.prisma.conversion.findMany({
      where: { client: history() },
      select: { clientId: true, trialSecondsUsed: true, convertedAt: true, credits: { select: { share: true, trialSeconds: true } }, client: { select: { primaryAssistantId: true, subscriptions: { select: { startedAt: true } } } } },
    });
    for (const conversion of conversions) {
      const trialTime = await database.prisma.timeEntry.aggregate({ where: { clientId: conversion.clientId, coveredByPlatform: true }, _sum: { seconds: true } });
      const shares = conversion.credits.reduce((sum, credit) => sum + credit.share, 0);

      expect(conversion.trialSecondsUsed, conversion.clientId).toBe(trialTime._sum.seconds ?? 0);
      expect(shares, conversion.clientId).toBeCloseTo(1, 9);
      expect(conversion.client.primaryAssistantId, conversion.clientId).not.toBeNull();
      expect(conversion.client.subscriptions.map((row) => row.startedAt.toISOString()), conversion.clientId).toEqual([conversion.convertedAt.toISOString()]);
    }
  });

  it("records declines, expiries, lapses, changes and ratings", async () => {
    const db = database.prisma;
    const task = { task: { client: history() } };

    expect(await db.offer.count({ where: { ...task, status: "declined" } })).toBeGreaterThan(0);
    expect(await db.offer.count({ where: { ...task, status: "expired" } })).toBeGreaterThan(0);
    expect(await db.offer.count({ where: { ...task, status: "withdrawn" } })).toBeGreaterThan(0);
    expect(await db.lapse.count({ where: task })).toBeGreaterThan(0);
    expect(await db.handoff.count({ where: task })).toBeGreaterThan(0);
    expect(await db.review.count({ where: { ...task, decision: "changes_requested" } })).toBeGreaterThan(0);
    expect(await db.review.count({ where: { ...task, decision: "approved", rating: { not: null } } })).toBeGreaterThan(10);
    expect(await db.timeEntry.count({ where: { client: history(), coveredByPlatform: false } })).toBeGreaterThan(0);
  });

  it("leaves every history task finished", async () => {
    const db = database.prisma;
    const open = await db.task.count({ where: { client: history(), status: { notIn: ["completed", "cancelled"] } } });

    expect(open).toBe(0);
    expect(await db.assignment.count({ where: { task: { client: history() }, endedAt: null } })).toBe(0);
    expect(await db.block.count({ where: { endsAt: { gt: NOW } } })).toBe(0);
  });

  it("keeps each assistant's entries apart", async () => {
    const overlaps = await database.prisma.$queryRaw<Array<{ count: number }>>`
      SELECT COUNT(*)::int AS count
      FROM time_entries a JOIN time_entries b ON a.assistant_id = b.assistant_id AND a.id < b.id
      WHERE a.started_at < COALESCE(b.ended_at, ${NOW}) AND b.started_at < COALESCE(a.ended_at, ${NOW})`;

    expect(overlaps[0]?.count).toBe(0);
  });

  it("fills the funnel of the last eight weeks", async () => {
    const funnel = await trialFunnel(database.prisma, { from: new Date(NOW.getTime() - 8 * 7 * DAY_MS), to: NOW });

    expect(funnel.length).toBeGreaterThanOrEqual(8);
    for (const row of funnel) {
      expect(row.signups, row.cohortWeek).toBeGreaterThan(0);
    }
    expect(funnel.reduce((sum, row) => sum + row.converted, 0)).toBeGreaterThanOrEqual(3);
    expect(funnel.reduce((sum, row) => sum + row.trialUsed, 0)).toBeGreaterThan(0);
  });

  it("gives the demo assistant a conversion rate", async () => {
    const amara = await database.prisma.assistantProfile.findFirstOrThrow({ where: { user: { email: data.history.showcaseAssistant.email } }, select: { id: true } });
    const stats = await assistantStats(database.prisma, amara.id, NOW);

    expect(stats.conversion.standing).not.toBe("not_enough_data");
    expect(stats.conversion.convertedClients).toBeGreaterThan(0);
    expect(stats.ratings.count).toBeGreaterThan(0);
  });

  it("generates the same rows again", async () => {
    const other = await createTestDatabase();
    try {
      await seedDatabase(other.prisma, { now: NOW });
      const historyTasks = (db: TestDatabase) =>
        db.prisma.task.findMany({ where: { client: history() }, orderBy: { id: "asc" }, select: { id: true, title: true, status: true, createdAt: true, updatedAt: true } });

      expect(await historyTasks(other)).toEqual(await historyTasks(database));
    } finally {
      await other.close();
    }
  });
});

describe("demo accounts", () => {
  it("sign in with the demo password", async () => {
    for (const account of data.demo.showcase) {
      const user = await verifyCredentials(database.prisma, { email: account.email, password: data.demo.password });

      expect(user?.email, account.email).toBe(account.email);
    }
  });

  it("show every state worth a first look", async () => {
    const db = database.prisma;

    expect(await db.offer.count({ where: { status: "pending", expiresAt: { gt: NOW } } })).toBeGreaterThan(0);
    expect(await db.timeEntry.count({ where: { endedAt: null } })).toBeGreaterThan(0);
    expect(await db.task.count({ where: { status: "out_of_time", handoffs: { some: { resolvedAt: null } } } })).toBeGreaterThan(0);
    expect(await db.task.count({ where: { status: "in_review" } })).toBeGreaterThan(0);
    expect(await db.task.count({ where: { status: "unrouted" } })).toBeGreaterThan(0);
  });

  it("show the demo assistant offers while others run timers", async () => {
    const db = database.prisma;
    const amara = await db.assistantProfile.findFirstOrThrow({ where: { user: { email: "amara.okafor@assistants.example" } }, select: { id: true } });

    expect(await db.offer.count({ where: { assistantId: amara.id, status: "pending", expiresAt: { gt: NOW } } })).toBeGreaterThan(0);
    expect(await db.timeEntry.count({ where: { endedAt: null, assistantId: { not: amara.id } } })).toBeGreaterThan(0);
  });
});

describe("second run", () => {
  it("adds nothing", async () => {
    const before = await countRows();
    const result = await seedDatabase(database.prisma, { now: new Date(NOW.getTime() + 60_000) });

    expect(result).toEqual({ status: "already-seeded", users: before.users });
    expect(await countRows()).toEqual(before);
  });
});
