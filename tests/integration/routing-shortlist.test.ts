/**
 * Checks that ranking a shortlist picks the same wave as ranking every
 * eligible assistant. Also checks the ranking inputs read from the database:
 * an offer sharing several skills counts once, history outside the window
 * is ignored, and only active tasks count toward load.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { findShortlist, type EligibilityQuery } from "~/server/routing/eligibility";
import { rankCandidates, type RankingContext } from "~/server/routing/ranking";
import { findTopCandidates } from "~/server/routing/top-candidates";
import { defaultSettings } from "~/server/settings";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createAssistant, createClient, createSkill, createTask, createUser } from "../support/factories";

let database: TestDatabase;
const NOW = new Date("2027-03-01T12:00:00Z");
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const HISTORY_SINCE = new Date(NOW.getTime() - defaultSettings.routingHistorySeconds * 1000);
const TIME_ZONES = ["UTC", "Asia/Manila", "America/New_York", "Europe/Berlin"];

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.close();
});

/** Returns a deterministic pseudo-random sequence (a linear congruential generator), so the data is the same on every run. */
function sequence(seed: number): () => number {
  let state = seed;

  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;

    return state / 2_147_483_648;
  };
}

async function taskWithSkills(clientId: string, skillIds: string[], overrides: Parameters<typeof createTask>[1] = {}) {
  return createTask(database.prisma, { clientId, ...overrides, skills: { create: skillIds.map((skillId) => ({ skillId })) } });
}

function queryFor(taskId: string, clientId: string): EligibilityQuery {
  return { taskId, clientId, audience: "pool", onlyNewToClient: false, now: NOW, historySince: HISTORY_SINCE };
}

function contextFor(requiredSkillCount: number, options: { dueAt: Date | null; clientOnTrial: boolean }): RankingContext {
  return { requiredSkillCount, now: NOW, weights: defaultSettings.routingWeights, ...options };
}

describe("shortlist ranking", () => {
  it("matches ranking every eligible assistant", async () => {
    const db = database.prisma;
    const random = sequence(7);
    const pick = <T>(values: T[]): T => values[Math.floor(random() * values.length)] as T;
    const skills = [await createSkill(db), await createSkill(db), await createSkill(db)];
    const [research, sheets, writing] = skills.map((skill) => skill.id) as [string, string, string];
    const client = await createClient(db, { trialStartedAt: NOW });
    const others = [await createClient(db), await createClient(db), await createClient(db)];
    const pastTasks = [
      await taskWithSkills(others[0]!.id, [research], { status: "completed" }),
      await taskWithSkills(others[1]!.id, [research, sheets], { status: "completed" }),
      await taskWithSkills(others[2]!.id, [writing], { status: "completed" }),
    ];
    // Few distinct last-offer times, so ties on score and last offer happen and the id decides.
    const lastOffers = [null, new Date(NOW.getTime() - 2 * DAY_MS), new Date(NOW.getTime() - 5 * HOUR_MS), new Date(NOW.getTime() - 30 * HOUR_MS)];

    for (let index = 0; index < 60; index += 1) {
      const held = [research, ...skills.slice(1).filter(() => random() < 0.6).map((skill) => skill.id)];
      const user = await createUser(db, { role: "assistant", name: `Assistant ${index}` });
      const assistant = await createAssistant(db, {
        userId: user.id,
        timeZone: pick(TIME_ZONES),
        capacity: 1 + Math.floor(random() * 3),
        lastOfferedAt: pick(lastOffers),
        skills: { create: held.map((skillId) => ({ skillId })) },
      });
      for (const [position, task] of pastTasks.entries()) {
        if (random() < 0.5) {
          const status = pick(["declined", "accepted", "expired"] as const);
          const createdAt = new Date(NOW.getTime() - (position + 1) * 20 * DAY_MS);
          await db.offer.create({
            data: { taskId: task.id, assistantId: assistant.id, wave: 1, status, clientOnTrial: true, score: 0, scoreBreakdown: {}, createdAt, expiresAt: new Date(createdAt.getTime() + HOUR_MS) },
          });
        }
      }
      if (random() < 0.3) {
        const work = await taskWithSkills(client.id, [], { status: "in_progress" });
        await db.assignment.create({ data: { taskId: work.id, assistantId: assistant.id, acceptedAt: NOW, startBy: NOW, startReminderAt: NOW } });
      }
      if (random() < 0.2) {
        const lapsedAt = new Date(NOW.getTime() - 10 * DAY_MS);
        const assignment = await db.assignment.create({
          data: { taskId: pastTasks[0]!.id, assistantId: assistant.id, acceptedAt: lapsedAt, startBy: lapsedAt, startReminderAt: lapsedAt, endedAt: lapsedAt, endReason: "lapsed" },
        });
        await db.lapse.create({ data: { assistantId: assistant.id, taskId: pastTasks[0]!.id, assignmentId: assignment.id, occurredAt: lapsedAt } });
      }
      if (random() < 0.3) {
        const startedAt = new Date(NOW.getTime() - 40 * DAY_MS);
        await db.timeEntry.create({
          data: { taskId: pastTasks[1]!.id, clientId: others[1]!.id, assistantId: assistant.id, startedAt, endedAt: new Date(startedAt.getTime() + HOUR_MS), seconds: 3600, coveredByPlatform: true },
        });
      }
    }

    const briefs = [
      { skills: [research], dueAt: null },
      { skills: [research, sheets], dueAt: new Date(NOW.getTime() + 20 * HOUR_MS) },
      { skills: [research, writing], dueAt: new Date(NOW.getTime() + 3 * HOUR_MS) },
    ];
    for (const brief of briefs) {
      for (const clientOnTrial of [true, false]) {
        const task = await taskWithSkills(client.id, brief.skills, { dueAt: brief.dueAt, status: "routing" });
        const query = queryFor(task.id, client.id);
        const context = contextFor(brief.skills.length, { dueAt: brief.dueAt, clientOnTrial });
        const everyone = await findShortlist(db, { ...query, weights: { ...context.weights }, timeZoneOverlaps: {}, limit: null });
        const expected = rankCandidates(everyone.candidates, context).slice(0, 3);
        expect(expected).toHaveLength(3);

        for (const limits of [[1], [2, 4], [3], []]) {
          const chosen = await findTopCandidates(db, query, context, 3, limits);

          expect(chosen.map((candidate) => candidate.assistantId)).toEqual(expected.map((candidate) => candidate.assistantId));
          expect(chosen.map((candidate) => candidate.breakdown)).toEqual(expected.map((candidate) => candidate.breakdown));
        }
      }
    }
  });

  it("returns no one without eligible assistants", async () => {
    const db = database.prisma;
    const skill = await createSkill(db);
    const client = await createClient(db, { trialStartedAt: NOW });
    const task = await taskWithSkills(client.id, [skill.id], { status: "routing" });

    const chosen = await findTopCandidates(db, queryFor(task.id, client.id), contextFor(1, { dueAt: null, clientOnTrial: true }), 3, [1]);

    expect(chosen).toEqual([]);
  });
});

describe("ranking inputs", () => {
  it("count history by the routing rules", async () => {
    const db = database.prisma;
    const [research, sheets, writing] = [await createSkill(db), await createSkill(db), await createSkill(db)].map((skill) => skill.id) as [string, string, string];
    const client = await createClient(db, { trialStartedAt: NOW });
    const past = await createClient(db);
    const user = await createUser(db, { role: "assistant", name: "Measured" });
    const assistant = await createAssistant(db, {
      userId: user.id,
      capacity: 3,
      lastOfferedAt: new Date(NOW.getTime() - 6 * HOUR_MS),
      skills: { create: [research, sheets, writing].map((skillId) => ({ skillId })) },
    });

    const offers = [
      { skills: [research, sheets], status: "declined", daysAgo: 5 },
      { skills: [writing], status: "declined", daysAgo: 5 },
      { skills: [research], status: "accepted", daysAgo: 10 },
      { skills: [sheets], status: "expired", daysAgo: 15 },
      { skills: [research], status: "declined", daysAgo: 120 },
    ] as const;
    for (const offer of offers) {
      const task = await taskWithSkills(past.id, [...offer.skills], { status: "completed" });
      const createdAt = new Date(NOW.getTime() - offer.daysAgo * DAY_MS);
      await db.offer.create({
        data: { taskId: task.id, assistantId: assistant.id, wave: 1, status: offer.status, clientOnTrial: true, score: 0, scoreBreakdown: {}, createdAt, expiresAt: new Date(createdAt.getTime() + HOUR_MS) },
      });
    }
    for (const daysAgo of [20, 200]) {
      const lapsedAt = new Date(NOW.getTime() - daysAgo * DAY_MS);
      const task = await taskWithSkills(past.id, [research], { status: "completed" });
      const assignment = await db.assignment.create({
        data: { taskId: task.id, assistantId: assistant.id, acceptedAt: lapsedAt, startBy: lapsedAt, startReminderAt: lapsedAt, endedAt: lapsedAt, endReason: "lapsed" },
      });
      await db.lapse.create({ data: { assistantId: assistant.id, taskId: task.id, assignmentId: assignment.id, occurredAt: lapsedAt } });
    }
    for (const status of ["in_progress", "in_review"] as const) {
      const task = await taskWithSkills(client.id, [], { status });
      await db.assignment.create({ data: { taskId: task.id, assistantId: assistant.id, acceptedAt: NOW, startBy: NOW, startReminderAt: NOW } });
    }
    const trialClients = [past, await createClient(db)];
    for (const [index, trialClient] of [...trialClients, client].entries()) {
      const task = await taskWithSkills(trialClient.id, [], { status: "completed" });
      const startedAt = new Date(NOW.getTime() - (30 + index) * DAY_MS);
      await db.timeEntry.create({
        data: { taskId: task.id, clientId: trialClient.id, assistantId: assistant.id, startedAt, endedAt: new Date(startedAt.getTime() + HOUR_MS), seconds: 3600, coveredByPlatform: trialClient !== client },
      });
    }
    await db.plan.upsert({ where: { code: "standard" }, create: { code: "standard", name: "Standard", secondsPerCycle: 36_000, sortOrder: 2 }, update: {} });
    const conversion = await db.conversion.create({
      data: { clientId: past.id, planCode: "standard", convertedAt: NOW, trialStartedAt: new Date(NOW.getTime() - 60 * DAY_MS), trialSecondsUsed: 3600 },
    });
    await db.conversionCredit.create({ data: { conversionId: conversion.id, assistantId: assistant.id, trialSeconds: 3600, share: 1 } });
    const brief = await taskWithSkills(client.id, [research, sheets], { status: "routing" });

    const [chosen] = await findTopCandidates(db, queryFor(brief.id, client.id), contextFor(2, { dueAt: null, clientOnTrial: true }), 3);

    expect(chosen?.assistantId).toBe(assistant.id);
    expect(chosen?.offersOnSkills).toBe(3);
    expect(chosen?.declinesOnSkills).toBe(1);
    expect(chosen?.acceptances).toBe(1);
    expect(chosen?.lapses).toBe(1);
    expect(chosen?.openAssignments).toBe(1);
    expect(chosen?.trialClientsServed).toBe(2);
    expect(chosen?.trialConversions).toBe(1);
    expect(chosen?.breakdown.factors).toEqual({
      skillFit: { value: 0.667, weight: 1 },
      declineHistory: { value: 0.8, weight: 1.5 },
      reliability: { value: 0.667, weight: 2 },
      load: { value: 0.667, weight: 1 },
      fairness: { value: 0.25, weight: 1 },
      trialConversion: { value: 0.4, weight: 1.5 },
    });
  });
});
