/**
 * assistant.stats on a small hand-built data set, through the real router
 * as each signed-in assistant. Every expected figure is worked out in the
 * comments next to the rows that produce it.
 */
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { loadSessionUser, type SessionUser } from "~/server/auth/session-user";
import { ManualClock } from "~/server/clock";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createAssistant, createClient, createTask, createUser } from "../support/factories";

// Noon in London on Monday 15 March 2027. March began at 05:00 UTC in New York.
const NOW = "2027-03-15T12:00:00.000Z";
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let database: TestDatabase;
const clock = new ManualClock(NOW);
const sessions = new Map<string, SessionUser>();
const assistantIds = new Map<string, string>();

async function addAssistant(name: string, timeZone: string): Promise<void> {
  const user = await createUser(database.prisma, { role: "assistant", name, timeZone });
  const profile = await createAssistant(database.prisma, { userId: user.id, timeZone });
  const session = await loadSessionUser(database.prisma, user.id);
  if (!session) {
    throw new Error(`assistant ${name} did not load`);
  }
  sessions.set(name, session);
  assistantIds.set(name, profile.id);
}

function idOf(name: string): string {
  const id = assistantIds.get(name);
  if (!id) {
    throw new Error(`no assistant named ${name}`);
  }

  return id;
}

function statsAs(user: SessionUser | null) {
  return createCaller(createContextInner({ db: database.prisma, user, clock })).assistant.stats();
}

async function statsOf(name: string) {
  const session = sessions.get(name);
  if (!session) {
    throw new Error(`no assistant named ${name}`);
  }

  return statsAs(session);
}

/** Logs a finished entry of `minutes` from `start`, covered by the platform when `trial` is true. */
async function logTime(name: string, clientId: string, start: string, minutes: number, trial: boolean): Promise<void> {
  const task = await createTask(database.prisma, { clientId });
  const startedAt = new Date(start);
  await database.prisma.timeEntry.create({
    data: {
      taskId: task.id,
      clientId,
      assistantId: idOf(name),
      startedAt,
      endedAt: new Date(startedAt.getTime() + minutes * MINUTE),
      seconds: minutes * 60,
      coveredByPlatform: trial,
    },
  });
}

/** Creates a trial client whose trial time in February came from the assistants named, 20 minutes each. */
async function trialClient(helpers: string[]): Promise<string> {
  const client = await createClient(database.prisma, { trialStartedAt: new Date("2027-02-01T09:00:00Z") });
  for (const [position, name] of helpers.entries()) {
    await logTime(name, client.id, `2027-02-${String(10 + position).padStart(2, "0")}T09:00:00Z`, 20, true);
  }

  return client.id;
}

async function convert(clientId: string, credits: Array<{ name: string; share: number }>): Promise<void> {
  const conversion = await database.prisma.conversion.create({
    data: { clientId, planCode: "starter", convertedAt: new Date("2027-02-20T09:00:00Z"), trialStartedAt: new Date("2027-02-01T09:00:00Z"), trialSecondsUsed: 3600 },
  });
  await database.prisma.conversionCredit.createMany({
    data: credits.map((credit) => ({ conversionId: conversion.id, assistantId: idOf(credit.name), trialSeconds: Math.round(3600 * credit.share), share: credit.share })),
  });
}

async function offer(name: string, status: "pending" | "accepted" | "declined" | "expired" | "withdrawn", answeredAfterMinutes: number | null): Promise<void> {
  const task = await createTask(database.prisma);
  const createdAt = new Date("2027-03-01T10:00:00Z");
  await database.prisma.offer.create({
    data: {
      taskId: task.id,
      assistantId: idOf(name),
      wave: 1,
      status,
      clientOnTrial: false,
      score: 0.5,
      scoreBreakdown: {},
      createdAt,
      expiresAt: new Date(createdAt.getTime() + 15 * MINUTE),
      respondedAt: answeredAfterMinutes === null ? null : new Date(createdAt.getTime() + answeredAfterMinutes * MINUTE),
      declineReason: status === "declined" ? "no_capacity" : null,
    },
  });
}

async function lapse(name: string, daysAgo: number): Promise<void> {
  const task = await createTask(database.prisma);
  const occurredAt = new Date(new Date(NOW).getTime() - daysAgo * DAY);
  const acceptedAt = new Date(occurredAt.getTime() - 15 * MINUTE);
  const assignment = await database.prisma.assignment.create({
    data: { taskId: task.id, assistantId: idOf(name), acceptedAt, startBy: occurredAt, startReminderAt: acceptedAt, endedAt: occurredAt, endReason: "lapsed" },
  });
  await database.prisma.lapse.create({ data: { assistantId: idOf(name), taskId: task.id, assignmentId: assignment.id, occurredAt } });
}

async function review(name: string, decision: "approved" | "changes_requested", rating: number | null): Promise<void> {
  const task = await createTask(database.prisma);
  const delivery = await database.prisma.delivery.create({
    data: { taskId: task.id, assistantId: idOf(name), note: "Done.", links: [], timeLogConfirmed: true, createdAt: new Date("2027-03-02T10:00:00Z") },
  });
  await database.prisma.review.create({ data: { taskId: task.id, deliveryId: delivery.id, decision, rating, createdAt: new Date("2027-03-03T10:00:00Z") } });
}

beforeAll(async () => {
  database = await createTestDatabase();
  await addAssistant("Amara", "America/New_York");
  await addAssistant("Ben", "Europe/London");
  await addAssistant("Carla", "Europe/London");
  await addAssistant("Dev", "Europe/London");
  await addAssistant("Elena", "Europe/London");

  // Amara served four trial clients. C1 converted with all credit to her, C2
  // with half (Ben had the other half): 2 converted, 1.5 credited, 1.5 / 4.
  const c1 = await trialClient(["Amara"]);
  const c2 = await trialClient(["Amara", "Ben"]);
  await trialClient(["Amara"]);
  await trialClient(["Amara"]);
  await convert(c1, [{ name: "Amara", share: 1 }]);
  await convert(c2, [{ name: "Amara", share: 0.5 }, { name: "Ben", share: 0.5 }]);

  // Carla served three trial clients and one converted with all credit: exactly one in three.
  const carlaConverted = await trialClient(["Carla"]);
  await trialClient(["Carla"]);
  await trialClient(["Carla"]);
  await convert(carlaConverted, [{ name: "Carla", share: 1 }]);

  // Dev served three trial clients and got half of one conversion: 0.5 / 3 is below the bar.
  const devConverted = await trialClient(["Dev", "Elena"]);
  await trialClient(["Dev"]);
  await trialClient(["Dev"]);
  await convert(devConverted, [{ name: "Dev", share: 0.5 }, { name: "Elena", share: 0.5 }]);

  // Amara's paid work does not make a trial client.
  const paid = await createClient(database.prisma, { trialStartedAt: new Date("2027-01-01T00:00:00Z") });
  await logTime("Amara", paid.id, "2027-02-25T09:00:00Z", 30, false);

  // Amara's offers: accepted after 2, 4 and 10 minutes, one declined, one
  // expired. Withdrawn and pending offers do not count, so 3 of 5 with a median of 4 minutes.
  await offer("Amara", "accepted", 2);
  await offer("Amara", "accepted", 10);
  await offer("Amara", "accepted", 4);
  await offer("Amara", "declined", 1);
  await offer("Amara", "expired", null);
  await offer("Amara", "withdrawn", null);
  await offer("Amara", "pending", null);
  await offer("Ben", "declined", 1);

  // One lapse 40 days ago and one 10 days ago: two in all, one inside the 30-day window.
  await lapse("Amara", 40);
  await lapse("Amara", 10);
  await lapse("Ben", 2);

  // Ratings 5 and 4 count, but an approval without a rating and a request for changes do not.
  await review("Amara", "approved", 5);
  await review("Amara", "approved", 4);
  await review("Amara", "approved", null);
  await review("Amara", "changes_requested", null);
  await review("Ben", "approved", 1);

  // March time in New York: 60 minutes of an entry that crosses midnight
  // into 1 March (05:00 UTC), 30 minutes on 10 March and a timer running
  // for the last 15 minutes. The entry before it ends on 28 February there.
  await logTime("Amara", paid.id, "2027-03-01T04:00:00Z", 120, false);
  await logTime("Amara", paid.id, "2027-03-01T02:00:00Z", 50, false);
  await logTime("Amara", paid.id, "2027-03-10T10:00:00Z", 30, false);
  const running = await createTask(database.prisma, { clientId: paid.id, status: "in_progress" });
  await database.prisma.timeEntry.create({
    data: { taskId: running.id, clientId: paid.id, assistantId: idOf("Amara"), startedAt: new Date("2027-03-15T11:45:00Z") },
  });
});

afterAll(async () => {
  await database.close();
});

describe("assistant.stats conversion", () => {
  it("credits shares over trial clients served", async () => {
    const stats = await statsOf("Amara");

    expect(stats.conversion).toEqual({ trialClients: 4, convertedClients: 2, credited: 1.5, rate: 0.375, barTrialClients: 3, standing: "meets_bar" });
  });

  it("meets the bar at exactly one in three", async () => {
    const stats = await statsOf("Carla");

    expect(stats.conversion.standing).toBe("meets_bar");
    expect(stats.conversion.rate).toBe(0.3333);
  });

  it("falls below the bar with half of one in three", async () => {
    const stats = await statsOf("Dev");

    expect(stats.conversion).toMatchObject({ trialClients: 3, convertedClients: 1, credited: 0.5, rate: 0.1667, standing: "below_bar" });
  });

  it("gives no rate below three trial clients", async () => {
    const stats = await statsOf("Ben");

    expect(stats.conversion).toEqual({ trialClients: 1, convertedClients: 1, credited: 0.5, rate: null, barTrialClients: 3, standing: "not_enough_data" });
  });

  it("follows the bar setting", async () => {
    await database.prisma.setting.create({ data: { key: "conversionBarTrialClients", value: 5, updatedAt: new Date(NOW) } });
    try {
      const stats = await statsOf("Amara");

      expect(stats.conversion.barTrialClients).toBe(5);
      expect(stats.conversion.standing).toBe("not_enough_data");
      expect(stats.conversion.rate).toBeNull();
    } finally {
      await database.prisma.setting.delete({ where: { key: "conversionBarTrialClients" } });
    }
  });
});

describe("assistant.stats work figures", () => {
  it("counts answered offers and the median to accept", async () => {
    const stats = await statsOf("Amara");

    expect(stats.offers).toEqual({ accepted: 3, declined: 1, expired: 1, acceptanceRate: 0.6, medianSecondsToAccept: 240 });
  });

  it("counts lapses inside the block window", async () => {
    const stats = await statsOf("Amara");

    expect(stats.lapses).toEqual({ total: 2, recent: 1, windowSeconds: 30 * 24 * 3600, toBlock: 2, blockSeconds: 7 * 24 * 3600 });
  });

  it("averages rated approvals only", async () => {
    const stats = await statsOf("Amara");

    expect(stats.ratings).toEqual({ average: 4.5, count: 2 });
  });

  it("sums this month in the assistant's time zone", async () => {
    const stats = await statsOf("Amara");

    expect(stats.thisMonth.timeZone).toBe("America/New_York");
    expect(stats.thisMonth.monthStart.toISOString()).toBe("2027-03-01T05:00:00.000Z");
    expect(stats.thisMonth.seconds).toBe((60 + 30 + 15) * 60);
  });

  it("returns zeros for an assistant with no history", async () => {
    await addAssistant("Newcomer", "Asia/Tokyo");

    const stats = await statsOf("Newcomer");

    expect(stats.conversion).toEqual({ trialClients: 0, convertedClients: 0, credited: 0, rate: null, barTrialClients: 3, standing: "not_enough_data" });
    expect(stats.offers).toEqual({ accepted: 0, declined: 0, expired: 0, acceptanceRate: null, medianSecondsToAccept: null });
    expect(stats.ratings).toEqual({ average: null, count: 0 });
    expect(stats.thisMonth.seconds).toBe(0);
  });
});

describe("assistant.stats access", () => {
  it("shows each assistant only their own figures", async () => {
    const ben = await statsOf("Ben");

    expect(ben.offers).toEqual({ accepted: 0, declined: 1, expired: 0, acceptanceRate: 0, medianSecondsToAccept: null });
    expect(ben.lapses.total).toBe(1);
    expect(ben.ratings).toEqual({ average: 1, count: 1 });
    expect(ben.thisMonth.seconds).toBe(0);
  });

  it("rejects a client with FORBIDDEN", async () => {
    const client = await createClient(database.prisma);
    const session = await loadSessionUser(database.prisma, client.userId);

    const error = await statsAs(session).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("FORBIDDEN");
  });

  it("rejects a visitor with UNAUTHORIZED", async () => {
    const error = await statsAs(null).catch((caught: unknown) => caught);

    expect((error as TRPCError).code).toBe("UNAUTHORIZED");
  });
});
