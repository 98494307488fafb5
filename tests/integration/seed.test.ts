/**
 * The demo seed against a real database. The tests check the promised
 * counts and the product rules every seeded row must obey: one running
 * timer per assistant, no client past its allowance, and workers with the
 * skills and the capacity. A second run must change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { verifyCredentials } from "~/server/auth/credentials";
import { getBalance } from "~/server/budget/balance";
import { loadSeedData } from "~/server/seed/data";
import { seedDatabase, type SeedResult } from "~/server/seed";

import { createTestDatabase, type TestDatabase } from "../support/database";

const NOW = new Date("2026-12-07T10:00:00.000Z");

let database: TestDatabase;
let firstRun: SeedResult;

beforeAll(async () => {
  database = await createTestDatabase();
  firstRun = await seedDatabase(database.prisma, { now: NOW });
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
  it("reports a fresh seed", () => {
    expect(firstRun).toEqual({ status: "seeded", users: 35, tasks: 40 });
  });

  it("creates skills, plans and people", async () => {
    const db = database.prisma;

    expect(await db.skill.count()).toBe(24);
    expect(await db.plan.count()).toBe(4);
    expect(await db.user.count({ where: { role: "assistant" } })).toBe(24);
    expect(await db.assistantProfile.count()).toBe(24);
    expect(await db.user.count({ where: { role: "admin" } })).toBe(1);
    expect(await db.user.count({ where: { role: "client" } })).toBe(10);
  });

  it("splits clients into 6 trial and 4 paid", async () => {
    const db = database.prisma;
    const paid = await db.clientAccount.count({ where: { subscriptions: { some: {} } } });
    const trial = await db.clientAccount.count({ where: { subscriptions: { none: {} } } });

    expect(trial).toBe(6);
    expect(paid).toBe(4);
    expect(await db.conversion.count()).toBe(4);
  });

  it("gives paid clients their plan, primary and team", async () => {
    const data = await loadSeedData();
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
    const byStatus = await db.task.groupBy({ by: ["status"], _count: { _all: true } });
    const statuses = new Set(byStatus.map((row) => row.status));

    expect(await db.task.count()).toBe(40);
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

describe("demo accounts", () => {
  it("sign in with the demo password", async () => {
    const data = await loadSeedData();
    for (const account of data.demo.showcase) {
      const user = await verifyCredentials(database.prisma, { email: account.email, password: data.demo.password });

      expect(user?.email, account.email).toBe(account.email);
    }
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

    expect(result).toEqual({ status: "already-seeded", users: 35 });
    expect(await countRows()).toEqual(before);
  });
});
