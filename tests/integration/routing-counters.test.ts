/**
 * Checks the routing counters on assistant_profiles (skill_count,
 * open_assignments, trial_clients_served, trial_conversions) against a fresh
 * count of the rows they summarise, after every kind of write the triggers
 * must follow.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { ACTIVE_TASK_STATUSES } from "~/server/routing/eligibility";

import { createAssignment, createAssistant, createClient, createSkill, createTask, createTimeEntry } from "../support/factories";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.close();
});

interface Counters {
  skillCount: number;
  openAssignments: number;
  trialClientsServed: number;
  trialConversions: number;
}

async function storedCounters(assistantId: string): Promise<Counters> {
  return database.prisma.assistantProfile.findUniqueOrThrow({
    where: { id: assistantId },
    select: { skillCount: true, openAssignments: true, trialClientsServed: true, trialConversions: true },
  });
}

async function recountedCounters(assistantId: string): Promise<Counters> {
  const db = database.prisma;
  const skillCount = await db.assistantSkill.count({ where: { assistantId } });
  const openAssignments = await db.assignment.count({ where: { assistantId, endedAt: null, task: { status: { in: [...ACTIVE_TASK_STATUSES] } } } });
  const trialClients = await db.timeEntry.groupBy({ by: ["clientId"], where: { assistantId, coveredByPlatform: true } });
  const trialConversions = await db.conversionCredit.count({ where: { assistantId } });

  return { skillCount, openAssignments, trialClientsServed: trialClients.length, trialConversions };
}

async function expectCountersMatch(assistantId: string, expected: Counters) {
  expect(await recountedCounters(assistantId)).toEqual(expected);
  expect(await storedCounters(assistantId)).toEqual(expected);
}

async function conversionOf(clientId: string) {
  return database.prisma.conversion.create({
    data: { clientId, planCode: "standard", convertedAt: new Date("2027-03-01T00:00:00Z"), trialStartedAt: new Date("2027-02-01T00:00:00Z"), trialSecondsUsed: 1800 },
  });
}

describe("skill_count", () => {
  it("follows nested creates, bulk writes and deletes", async () => {
    const db = database.prisma;
    const skills = [await createSkill(db), await createSkill(db), await createSkill(db)];
    const assistant = await createAssistant(db, { skills: { create: [{ skillId: skills[0]!.id }, { skillId: skills[1]!.id }] } });
    await expectCountersMatch(assistant.id, { skillCount: 2, openAssignments: 0, trialClientsServed: 0, trialConversions: 0 });

    await db.assistantSkill.deleteMany({ where: { assistantId: assistant.id } });
    await db.assistantSkill.createMany({ data: skills.map((skill) => ({ assistantId: assistant.id, skillId: skill.id })) });
    await expectCountersMatch(assistant.id, { skillCount: 3, openAssignments: 0, trialClientsServed: 0, trialConversions: 0 });

    await db.skill.delete({ where: { id: skills[2]!.id } });
    await expectCountersMatch(assistant.id, { skillCount: 2, openAssignments: 0, trialClientsServed: 0, trialConversions: 0 });
  });

  it("moves with a row updated to another assistant", async () => {
    const db = database.prisma;
    const skill = await createSkill(db);
    const from = await createAssistant(db, { skills: { create: [{ skillId: skill.id }] } });
    const to = await createAssistant(db);

    await db.assistantSkill.update({ where: { assistantId_skillId: { assistantId: from.id, skillId: skill.id } }, data: { assistantId: to.id } });

    await expectCountersMatch(from.id, { skillCount: 0, openAssignments: 0, trialClientsServed: 0, trialConversions: 0 });
    await expectCountersMatch(to.id, { skillCount: 1, openAssignments: 0, trialClientsServed: 0, trialConversions: 0 });
  });
});

describe("open_assignments", () => {
  it("follows assignments and their task's status", async () => {
    const db = database.prisma;
    const assistant = await createAssistant(db);
    const client = await createClient(db);
    const first = await createTask(db, { clientId: client.id, status: "assigned" });
    const second = await createTask(db, { clientId: client.id, status: "routing" });
    const firstAssignment = await createAssignment(db, { taskId: first.id, assistantId: assistant.id });
    const secondAssignment = await createAssignment(db, { taskId: second.id, assistantId: assistant.id });
    await expectCountersMatch(assistant.id, { skillCount: 0, openAssignments: 1, trialClientsServed: 0, trialConversions: 0 });

    await db.task.update({ where: { id: second.id }, data: { status: "assigned" } });
    await expectCountersMatch(assistant.id, { skillCount: 0, openAssignments: 2, trialClientsServed: 0, trialConversions: 0 });

    await db.task.updateMany({ where: { id: { in: [first.id, second.id] } }, data: { status: "in_review" } });
    await expectCountersMatch(assistant.id, { skillCount: 0, openAssignments: 0, trialClientsServed: 0, trialConversions: 0 });

    await db.task.update({ where: { id: first.id }, data: { status: "in_progress" } });
    await expectCountersMatch(assistant.id, { skillCount: 0, openAssignments: 1, trialClientsServed: 0, trialConversions: 0 });

    await db.assignment.update({ where: { id: firstAssignment.id }, data: { endedAt: new Date(firstAssignment.acceptedAt.getTime() + 60_000) } });
    await db.task.update({ where: { id: second.id }, data: { status: "out_of_time" } });
    await expectCountersMatch(assistant.id, { skillCount: 0, openAssignments: 1, trialClientsServed: 0, trialConversions: 0 });

    await db.task.delete({ where: { id: second.id } });
    expect(await db.assignment.count({ where: { id: secondAssignment.id } })).toBe(0);
    await expectCountersMatch(assistant.id, { skillCount: 0, openAssignments: 0, trialClientsServed: 0, trialConversions: 0 });
  });
});

describe("trial_clients_served", () => {
  it("counts each client with trial time once", async () => {
    const db = database.prisma;
    const assistant = await createAssistant(db);
    const first = await createClient(db);
    const second = await createClient(db);
    const firstTask = await createTask(db, { clientId: first.id });
    const secondTask = await createTask(db, { clientId: second.id });
    const running = await createTimeEntry(db, { taskId: firstTask.id, assistantId: assistant.id, coveredByPlatform: true });
    await expectCountersMatch(assistant.id, { skillCount: 0, openAssignments: 0, trialClientsServed: 1, trialConversions: 0 });

    await db.timeEntry.update({ where: { id: running.id }, data: { endedAt: new Date(running.startedAt.getTime() + 600_000), seconds: 600 } });
    await createTimeEntry(db, { taskId: firstTask.id, assistantId: assistant.id, coveredByPlatform: true, startedAt: new Date("2027-01-02T10:00:00Z"), endedAt: new Date("2027-01-02T10:10:00Z"), seconds: 600 });
    await createTimeEntry(db, { taskId: secondTask.id, assistantId: assistant.id, coveredByPlatform: false, startedAt: new Date("2027-01-03T10:00:00Z"), endedAt: new Date("2027-01-03T10:10:00Z"), seconds: 600 });
    await expectCountersMatch(assistant.id, { skillCount: 0, openAssignments: 0, trialClientsServed: 1, trialConversions: 0 });

    await db.timeEntry.updateMany({ where: { taskId: secondTask.id }, data: { coveredByPlatform: true } });
    await expectCountersMatch(assistant.id, { skillCount: 0, openAssignments: 0, trialClientsServed: 2, trialConversions: 0 });

    await db.timeEntry.deleteMany({ where: { taskId: firstTask.id } });
    await expectCountersMatch(assistant.id, { skillCount: 0, openAssignments: 0, trialClientsServed: 1, trialConversions: 0 });
  });
});

describe("trial_conversions", () => {
  it("follows credits as they are created and removed", async () => {
    const db = database.prisma;
    await db.plan.upsert({ where: { code: "standard" }, create: { code: "standard", name: "Standard", secondsPerCycle: 36_000, sortOrder: 2 }, update: {} });
    const first = await createAssistant(db);
    const second = await createAssistant(db);
    const client = await createClient(db);
    const conversion = await conversionOf(client.id);

    await db.conversionCredit.createMany({
      data: [
        { conversionId: conversion.id, assistantId: first.id, trialSeconds: 1200, share: 2 / 3 },
        { conversionId: conversion.id, assistantId: second.id, trialSeconds: 600, share: 1 / 3 },
      ],
    });
    await expectCountersMatch(first.id, { skillCount: 0, openAssignments: 0, trialClientsServed: 0, trialConversions: 1 });
    await expectCountersMatch(second.id, { skillCount: 0, openAssignments: 0, trialClientsServed: 0, trialConversions: 1 });

    await db.conversion.delete({ where: { id: conversion.id } });
    await expectCountersMatch(first.id, { skillCount: 0, openAssignments: 0, trialClientsServed: 0, trialConversions: 0 });
    await expectCountersMatch(second.id, { skillCount: 0, openAssignments: 0, trialClientsServed: 0, trialConversions: 0 });
  });
});
