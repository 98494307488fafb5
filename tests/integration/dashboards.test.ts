/**
 * The dashboard routers through `createCaller`, as the signed-in demo users
 * of a seeded database: each role reads only its own data, and the wrong role
 * or no session is rejected.
 */
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { loadSessionUser, type SessionUser } from "~/server/auth/session-user";
import { ManualClock } from "~/server/clock";
import { seedDatabase } from "~/server/seed";

import { createTestDatabase, type TestDatabase } from "../support/database";

const NOW = new Date("2026-12-07T10:00:00.000Z");
const TRIAL_SECONDS = 60 * 60;
const STANDARD_PLAN_SECONDS = 10 * 60 * 60;

let database: TestDatabase;
let clock: ManualClock;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.prisma, { now: NOW });
});

afterAll(async () => {
  await database.close();
});

async function sessionUser(email: string): Promise<SessionUser> {
  const row = await database.prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  const user = await loadSessionUser(database.prisma, row.id);
  if (!user) {
    throw new Error(`${email} is not an active user`);
  }

  return user;
}

async function callerFor(email: string | null) {
  clock = new ManualClock(NOW);
  const user = email ? await sessionUser(email) : null;

  return createCaller(createContextInner({ db: database.prisma, user, clock }));
}

/** Awaits a call that must fail and returns its tRPC error code. */
async function errorCodeOf(call: Promise<unknown>): Promise<string> {
  const error: unknown = await call.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof TRPCError)) {
    throw new Error(`Expected a TRPCError, got: ${String(error)}`);
  }

  return error.code;
}

describe("client.overview", () => {
  it("lists only the client's own tasks", async () => {
    const caller = await callerFor("rob@summitgear.example");
    const user = await sessionUser("rob@summitgear.example");
    const overview = await caller.client.overview();
    const own = await database.prisma.task.findMany({ where: { clientId: user.clientId ?? "" }, select: { id: true } });

    expect(overview.tasks.map((task) => task.id).sort()).toEqual(own.map((task) => task.id).sort());
    expect(overview.tasks.length).toBe(5);
  });

  it("shows a paid client's plan hours", async () => {
    const caller = await callerFor("rob@summitgear.example");
    const { account } = await caller.client.overview();

    expect(account.companyName).toBe("Summit Gear Co");
    expect(account.onTrial).toBe(false);
    expect(account.planName).toBe("Standard");
    expect(account.allowanceSeconds).toBe(STANDARD_PLAN_SECONDS);
    expect(account.remainingSeconds).toBe(account.allowanceSeconds + account.topUpSeconds - account.usedSeconds);
  });

  it("shows a trial client's minutes left", async () => {
    const caller = await callerFor("nina@harbourlane.example");
    const { account, tasks } = await caller.client.overview();
    const loggedByTasks = tasks.reduce((sum, task) => sum + task.usedSeconds, 0);

    expect(account.onTrial).toBe(true);
    expect(account.planName).toBeNull();
    expect(account.allowanceSeconds).toBe(TRIAL_SECONDS);
    expect(account.usedSeconds).toBe(loggedByTasks);
    expect(account.remainingSeconds).toBe(TRIAL_SECONDS - loggedByTasks);
  });

  it("counts a running timer up to the clock", async () => {
    const caller = await callerFor("nina@harbourlane.example");
    const before = await caller.client.overview();
    clock.advance(60_000);
    const after = await caller.client.overview();

    expect(after.account.usedSeconds).toBe(before.account.usedSeconds + 60);
    expect(after.account.remainingSeconds).toBe(before.account.remainingSeconds - 60);
  });

  it("names the assistant working on a task", async () => {
    const caller = await callerFor("nina@harbourlane.example");
    const { tasks } = await caller.client.overview();
    const inProgress = tasks.find((task) => task.status === "in_progress");

    expect(inProgress?.assistantName).toBe("Carla Mendes");
    expect(tasks.filter((task) => task.status === "routing").every((task) => task.assistantName === null)).toBe(true);
  });
});

describe("client.task", () => {
  it("returns the client's own task", async () => {
    const caller = await callerFor("rob@summitgear.example");
    const { tasks } = await caller.client.overview();
    const first = tasks[0];
    if (!first) {
      throw new Error("The seeded client has no tasks");
    }
    const task = await caller.client.task({ id: first.id });

    expect(task.title).toBe(first.title);
    expect(task.skills.length).toBeGreaterThan(0);
    expect(task.description.length).toBeGreaterThan(10);
  });

  it("reports another client's task as not found", async () => {
    const nina = await sessionUser("nina@harbourlane.example");
    const ninasTask = await database.prisma.task.findFirstOrThrow({ where: { clientId: nina.clientId ?? "" }, select: { id: true } });
    const caller = await callerFor("rob@summitgear.example");

    expect(await errorCodeOf(caller.client.task({ id: ninasTask.id }))).toBe("NOT_FOUND");
  });

  it("reports an unknown id as not found", async () => {
    const caller = await callerFor("rob@summitgear.example");

    expect(await errorCodeOf(caller.client.task({ id: "no-such-task" }))).toBe("NOT_FOUND");
  });
});

describe("role checks", () => {
  it("rejects a client calling assistant.overview", async () => {
    const caller = await callerFor("rob@summitgear.example");

    expect(await errorCodeOf(caller.assistant.overview())).toBe("FORBIDDEN");
  });

  it("rejects a client calling admin.overview", async () => {
    const caller = await callerFor("nina@harbourlane.example");

    expect(await errorCodeOf(caller.admin.overview())).toBe("FORBIDDEN");
  });

  it("rejects an assistant calling client.overview", async () => {
    const caller = await callerFor("amara.okafor@assistants.example");

    expect(await errorCodeOf(caller.client.overview())).toBe("FORBIDDEN");
  });

  it("rejects anonymous callers", async () => {
    const caller = await callerFor(null);

    expect(await errorCodeOf(caller.client.overview())).toBe("UNAUTHORIZED");
    expect(await errorCodeOf(caller.assistant.overview())).toBe("UNAUTHORIZED");
    expect(await errorCodeOf(caller.admin.overview())).toBe("UNAUTHORIZED");
  });
});

describe("assistant.overview", () => {
  it("lists open offers with the client and score", async () => {
    const caller = await callerFor("amara.okafor@assistants.example");
    const { offers } = await caller.assistant.overview();

    expect(offers.length).toBeGreaterThanOrEqual(2);
    for (const offer of offers) {
      expect(offer.expiresAt.getTime()).toBeGreaterThan(NOW.getTime());
      expect(offer.secondsLeft).toBe(Math.floor((offer.expiresAt.getTime() - NOW.getTime()) / 1000));
      expect(offer.task.clientName.length).toBeGreaterThan(0);
      expect(offer.task.skills.length).toBeGreaterThan(0);
      expect(offer.factors.map((factor) => factor.name)).toContain("skillFit");
    }
    expect(offers.some((offer) => offer.clientOnTrial)).toBe(true);
  });

  it("shows the running timer on its assignment", async () => {
    const caller = await callerFor("amara.okafor@assistants.example");
    const { assignments, runningTimer } = await caller.assistant.overview();
    const running = assignments.filter((assignment) => assignment.runningSince !== null);

    expect(runningTimer).not.toBeNull();
    expect(running.map((assignment) => assignment.taskId)).toEqual([runningTimer?.taskId]);
  });

  it("hides offers that expired by the clock", async () => {
    const caller = await callerFor("amara.okafor@assistants.example");
    clock.advance(60 * 60_000);
    const { offers } = await caller.assistant.overview();

    expect(offers).toEqual([]);
  });
});

describe("admin.overview", () => {
  it("matches the database counts", async () => {
    const caller = await callerFor("admin@baton.example");
    const overview = await caller.admin.overview();
    const db = database.prisma;
    const statusRows = await db.task.groupBy({ by: ["status"], _count: { _all: true } });

    const clients = await db.clientAccount.count();
    const paid = await db.clientAccount.count({ where: { subscriptions: { some: { startedAt: { lte: NOW } } } } });
    expect(overview.clients).toEqual({ total: clients, trial: clients - paid, paid });
    expect(overview.assistants.total).toBe(24);
    expect(overview.assistants.available).toBe(await db.assistantProfile.count({ where: { available: true } }));
    for (const row of statusRows) {
      expect(overview.tasksByStatus[row.status], row.status).toBe(row._count._all);
    }
    expect(Object.values(overview.tasksByStatus).reduce((sum, count) => sum + count, 0)).toBe(await db.task.count());
    expect(overview.runningTimers).toBe(await db.timeEntry.count({ where: { endedAt: null } }));
  });

  it("lists the unrouted queue and recent conversions", async () => {
    const caller = await callerFor("admin@baton.example");
    const overview = await caller.admin.overview();

    expect(overview.unrouted.length).toBe(overview.tasksByStatus.unrouted);
    expect(overview.unrouted.length).toBeGreaterThan(0);
    const newest = await database.prisma.conversion.findMany({
      where: { convertedAt: { gte: new Date(NOW.getTime() - 30 * 24 * 3600 * 1000), lte: NOW } },
      orderBy: { convertedAt: "desc" },
      take: 10,
      select: { client: { select: { companyName: true } } },
    });
    expect(overview.recentConversions.map((conversion) => conversion.clientName)).toEqual(newest.map((conversion) => conversion.client.companyName));
    expect(overview.recentConversions.length).toBeGreaterThan(4);
  });
});
