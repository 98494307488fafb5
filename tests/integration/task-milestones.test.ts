/**
 * The task columns first_offer_at, first_accepted_at and
 * first_entry_started_at, which database triggers keep equal to the earliest
 * offer, acceptance and time entry start of the task. The tests drive the
 * code paths that write offers, assignments and time entries, then compare
 * the columns with the expected instant and with a fresh MIN over the rows.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { offerTaskByHand, reassignTask } from "~/server/admin/task-operations";
import { submitBrief } from "~/server/briefs/submit-brief";
import { ManualClock } from "~/server/clock";
import { acceptOffer } from "~/server/offers/accept-offer";
import { addMissedEntry, editEntry } from "~/server/timer/corrections";
import { startTimer, stopTimer } from "~/server/timer/timer";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createAssistant, createClient, createSkill, createTask, createUser } from "../support/factories";

let database: TestDatabase;
const clock = new ManualClock("2027-03-01T10:00:00Z");
const MINUTE = 60_000;
let adminId = "";

beforeAll(async () => {
  database = await createTestDatabase();
  adminId = (await createUser(database.prisma, { role: "admin" })).id;
});

afterAll(async () => {
  await database.close();
});

beforeEach(() => {
  clock.set("2027-03-01T10:00:00Z");
});

interface Milestones {
  firstOfferAt: string | null;
  firstAcceptedAt: string | null;
  firstEntryStartedAt: string | null;
}

const iso = (value: Date | null) => value?.toISOString() ?? null;

/** Reads the stored milestone columns of a task. */
async function storedMilestones(taskId: string): Promise<Milestones> {
  const task = await database.prisma.task.findUniqueOrThrow({ where: { id: taskId }, select: { firstOfferAt: true, firstAcceptedAt: true, firstEntryStartedAt: true } });

  return { firstOfferAt: iso(task.firstOfferAt), firstAcceptedAt: iso(task.firstAcceptedAt), firstEntryStartedAt: iso(task.firstEntryStartedAt) };
}

/** Computes the milestones of a task from its offers, assignments and time entries. */
async function computedMilestones(taskId: string): Promise<Milestones> {
  const db = database.prisma;
  const offers = await db.offer.aggregate({ where: { taskId }, _min: { createdAt: true } });
  const assignments = await db.assignment.aggregate({ where: { taskId }, _min: { acceptedAt: true } });
  const entries = await db.timeEntry.aggregate({ where: { taskId }, _min: { startedAt: true } });

  return { firstOfferAt: iso(offers._min.createdAt), firstAcceptedAt: iso(assignments._min.acceptedAt), firstEntryStartedAt: iso(entries._min.startedAt) };
}

async function newAssistant(skillId?: string) {
  const user = await createUser(database.prisma, { role: "assistant" });

  return createAssistant(database.prisma, { userId: user.id, ...(skillId ? { skills: { create: [{ skillId }] } } : {}) });
}

/**
 * Sends a trial client's brief at the clock's time. The brief needs a skill
 * of its own, so the first wave offers it to exactly one new assistant.
 */
async function routedTask() {
  const skill = await createSkill(database.prisma);
  const assistant = await newAssistant(skill.id);
  const client = await createClient(database.prisma, { trialStartedAt: clock.now() });
  const brief = { title: "Book a venue for our training day", description: "Room for 18 people with a projector and lunch.", skills: [skill.slug] };
  const { taskId } = await submitBrief(database.prisma, { clientId: client.id, brief, now: clock.now() });
  const offer = await database.prisma.offer.findFirstOrThrow({ where: { taskId, assistantId: assistant.id } });

  return { taskId, assistant, offer };
}

/** Routes a task and accepts its offer two minutes after the brief. */
async function acceptedTask() {
  const routed = await routedTask();
  clock.advance(2 * MINUTE);
  const { assignmentId } = await acceptOffer(database.prisma, { offerId: routed.offer.id, assistantId: routed.assistant.id, now: clock.now() });

  return { ...routed, assignmentId };
}

/** Accepts a routed task and logs one 30-minute timer entry that starts 5 minutes after the acceptance. */
async function workedTask() {
  const accepted = await acceptedTask();
  clock.advance(5 * MINUTE);
  const timerStartedAt = clock.now();
  await startTimer(database.prisma, { assistantId: accepted.assistant.id, taskId: accepted.taskId, now: timerStartedAt });
  clock.advance(30 * MINUTE);
  await stopTimer(database.prisma, { assistantId: accepted.assistant.id, now: clock.now() });

  return { ...accepted, timerStartedAt };
}

describe("task milestones", () => {
  it("start empty for a new task", async () => {
    const task = await createTask(database.prisma);

    expect(await storedMilestones(task.id)).toEqual({ firstOfferAt: null, firstAcceptedAt: null, firstEntryStartedAt: null });
  });

  it("take the first wave's offer time", async () => {
    const { taskId } = await routedTask();

    const stored = await storedMilestones(taskId);

    expect(await database.prisma.offer.count({ where: { taskId } })).toBe(1);
    expect(stored.firstOfferAt).toBe("2027-03-01T10:00:00.000Z");
    expect(stored.firstAcceptedAt).toBeNull();
    expect(stored).toEqual(await computedMilestones(taskId));
  });

  it("keep the first offer after a hand offer", async () => {
    const { taskId } = await routedTask();
    const other = await newAssistant();
    clock.advance(20 * MINUTE);

    await offerTaskByHand(database.prisma, { adminId, taskId, assistantId: other.id, reason: "Knows the client", now: clock.now() });

    const stored = await storedMilestones(taskId);
    expect(stored.firstOfferAt).toBe("2027-03-01T10:00:00.000Z");
    expect(stored).toEqual(await computedMilestones(taskId));
  });

  it("take the acceptance time", async () => {
    const { taskId } = await acceptedTask();

    const stored = await storedMilestones(taskId);

    expect(stored.firstAcceptedAt).toBe("2027-03-01T10:02:00.000Z");
    expect(stored).toEqual(await computedMilestones(taskId));
  });

  it("keep the first acceptance after a reassignment", async () => {
    const { taskId, assignmentId } = await acceptedTask();
    const other = await newAssistant();
    clock.advance(10 * MINUTE);

    await reassignTask(database.prisma, { adminId, taskId, toAssistantId: other.id, expectedAssignmentId: assignmentId, reason: "Better fit", now: clock.now() });

    const stored = await storedMilestones(taskId);
    expect(stored.firstAcceptedAt).toBe("2027-03-01T10:02:00.000Z");
    expect(await database.prisma.assignment.count({ where: { taskId } })).toBe(2);
    expect(stored).toEqual(await computedMilestones(taskId));
  });

  it("take the timer start and keep it after the stop", async () => {
    const { taskId, timerStartedAt } = await workedTask();

    const stored = await storedMilestones(taskId);

    expect(stored.firstEntryStartedAt).toBe(timerStartedAt.toISOString());
    expect(stored).toEqual(await computedMilestones(taskId));
  });

  it("move earlier for an earlier missed entry", async () => {
    const { taskId, assistant } = await workedTask();
    const corrector = { kind: "assistant" as const, userId: assistant.userId, assistantId: assistant.id };

    await addMissedEntry(database.prisma, {
      corrector,
      taskId,
      startedAt: new Date("2027-03-01T09:00:00Z"),
      endedAt: new Date("2027-03-01T09:20:00Z"),
      reason: "Forgot the timer",
      now: clock.now(),
    });

    const stored = await storedMilestones(taskId);
    expect(stored.firstEntryStartedAt).toBe("2027-03-01T09:00:00.000Z");
    expect(stored).toEqual(await computedMilestones(taskId));
  });

  it("fall back when the first entry moves later", async () => {
    const { taskId, assistant, timerStartedAt } = await workedTask();
    const corrector = { kind: "assistant" as const, userId: assistant.userId, assistantId: assistant.id };
    const { entryId } = await addMissedEntry(database.prisma, {
      corrector,
      taskId,
      startedAt: new Date("2027-03-01T09:00:00Z"),
      endedAt: new Date("2027-03-01T09:20:00Z"),
      reason: "Forgot the timer",
      now: clock.now(),
    });
    clock.advance(20 * MINUTE);

    await editEntry(database.prisma, { corrector, entryId, startedAt: new Date("2027-03-01T10:40:00Z"), endedAt: new Date("2027-03-01T10:50:00Z"), reason: "Wrong hour", now: clock.now() });

    const stored = await storedMilestones(taskId);
    expect(stored.firstEntryStartedAt).toBe(timerStartedAt.toISOString());
    expect(stored).toEqual(await computedMilestones(taskId));
  });

  it("follow an entry moved to another task", async () => {
    const first = await workedTask();
    const second = await acceptedTask();
    const entry = await database.prisma.timeEntry.findFirstOrThrow({ where: { taskId: first.taskId } });

    await database.prisma.timeEntry.update({ where: { id: entry.id }, data: { taskId: second.taskId } });

    expect((await storedMilestones(first.taskId)).firstEntryStartedAt).toBeNull();
    expect((await storedMilestones(second.taskId)).firstEntryStartedAt).toBe(first.timerStartedAt.toISOString());
    expect(await storedMilestones(first.taskId)).toEqual(await computedMilestones(first.taskId));
    expect(await storedMilestones(second.taskId)).toEqual(await computedMilestones(second.taskId));
  });

  it("clear when the assistant and their rows are deleted", async () => {
    const { taskId, assistant } = await workedTask();

    await database.prisma.user.delete({ where: { id: assistant.userId } });

    expect(await storedMilestones(taskId)).toEqual({ firstOfferAt: null, firstAcceptedAt: null, firstEntryStartedAt: null });
    expect(await computedMilestones(taskId)).toEqual({ firstOfferAt: null, firstAcceptedAt: null, firstEntryStartedAt: null });
  });

  it("cover every task of a bulk insert", async () => {
    const tasks = [await createTask(database.prisma), await createTask(database.prisma)];
    const assistant = await newAssistant();
    const createdAt = new Date("2027-03-01T11:00:00Z");

    await database.prisma.offer.createMany({
      data: tasks.map((task, index) => ({
        taskId: task.id,
        assistantId: assistant.id,
        wave: 1,
        clientOnTrial: true,
        score: 0,
        scoreBreakdown: {},
        createdAt: new Date(createdAt.getTime() + index * MINUTE),
        expiresAt: new Date(createdAt.getTime() + 15 * MINUTE),
      })),
    });

    expect((await storedMilestones(tasks[0]?.id ?? "")).firstOfferAt).toBe("2027-03-01T11:00:00.000Z");
    expect((await storedMilestones(tasks[1]?.id ?? "")).firstOfferAt).toBe("2027-03-01T11:01:00.000Z");
  });
});
