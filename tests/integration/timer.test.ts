import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { getBalance } from "~/server/budget/balance";
import { ManualClock } from "~/server/clock";
import { applyDueWork } from "~/server/deadlines/due-work";
import { createLocalMailboxTransport } from "~/server/email/transport";
import { AppError } from "~/server/errors";
import { startTimer, stopTimer } from "~/server/timer/timer";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createAssignment, createAssistant, createClient, createTask, createUser } from "../support/factories";

let database: TestDatabase;
const clock = new ManualClock("2027-01-12T19:00:00Z");
const transport = createLocalMailboxTransport();
const MINUTE = 60_000;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.close();
});

beforeEach(() => {
  clock.set("2027-01-12T19:00:00Z");
});

/** A trial client with `usedMinutes` already logged, and a task of theirs assigned to a new assistant. */
async function assignedTask(options: { usedMinutes?: number; timeLimitMinutes?: number; clientId?: string } = {}) {
  const client = options.clientId
    ? await database.prisma.clientAccount.findUniqueOrThrow({ where: { id: options.clientId } })
    : await createClient(database.prisma, { trialStartedAt: new Date("2027-01-01T00:00:00Z"), timeZone: "America/New_York" });
  const user = await createUser(database.prisma, { role: "assistant" });
  const assistant = await createAssistant(database.prisma, { userId: user.id });
  const task = await createTask(database.prisma, { clientId: client.id, status: "assigned", timeLimitSeconds: options.timeLimitMinutes ? options.timeLimitMinutes * 60 : null });
  await createAssignment(database.prisma, { taskId: task.id, assistantId: assistant.id, acceptedAt: new Date("2027-01-12T18:55:00Z"), startBy: new Date("2027-01-12T19:10:00Z"), startReminderAt: new Date("2027-01-12T19:02:30Z") });
  if (options.usedMinutes) {
    const start = new Date("2027-01-05T10:00:00Z");
    await database.prisma.timeEntry.create({
      data: { taskId: task.id, clientId: client.id, assistantId: assistant.id, startedAt: start, endedAt: new Date(start.getTime() + options.usedMinutes * MINUTE), seconds: options.usedMinutes * 60 },
    });
  }

  return { client, assistant, task };
}

function entriesOf(assistantId: string) {
  return database.prisma.timeEntry.findMany({ where: { assistantId }, orderBy: { startedAt: "asc" } });
}

describe("timer", () => {
  it("records a 40-second timer as 40 s", async () => {
    const { assistant, task } = await assignedTask();
    await startTimer(database.prisma, { assistantId: assistant.id, taskId: task.id, now: clock.now() });

    clock.advance(40_000);
    const stopped = await stopTimer(database.prisma, { assistantId: assistant.id, now: clock.now() });

    expect(stopped?.seconds).toBe(40);
    expect((await database.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("in_progress");
  });

  it("leaves one running timer after two parallel starts", async () => {
    const { assistant, task } = await assignedTask();

    const results = await Promise.allSettled([
      startTimer(database.prisma, { assistantId: assistant.id, taskId: task.id, now: clock.now() }),
      startTimer(database.prisma, { assistantId: assistant.id, taskId: task.id, now: clock.now() }),
    ]);

    expect(results.every((result) => result.status === "fulfilled")).toBe(true);
    expect(await database.prisma.timeEntry.count({ where: { assistantId: assistant.id, endedAt: null } })).toBe(1);
  });

  it("stops the first task at the same instant when switching", async () => {
    const { assistant, task, client } = await assignedTask();
    const second = await createTask(database.prisma, { clientId: client.id, status: "assigned", title: "Second task" });
    await createAssignment(database.prisma, { taskId: second.id, assistantId: assistant.id, acceptedAt: clock.now(), startBy: new Date(clock.now().getTime() + 15 * MINUTE), startReminderAt: clock.now() });
    await startTimer(database.prisma, { assistantId: assistant.id, taskId: task.id, now: clock.now() });

    clock.advance(5 * MINUTE);
    const result = await startTimer(database.prisma, { assistantId: assistant.id, taskId: second.id, now: clock.now() });

    const entries = await entriesOf(assistant.id);
    expect(result.switchedFrom?.taskId).toBe(task.id);
    expect(entries[0]?.endedAt?.toISOString()).toBe(clock.now().toISOString());
    expect(entries[0]?.stopCause).toBe("switched_task");
    expect(entries[1]?.startedAt.toISOString()).toBe(clock.now().toISOString());
    expect(entries[1]?.endedAt).toBeNull();
  });

  it("refuses a task not assigned to the assistant", async () => {
    const { task } = await assignedTask();
    const stranger = await createAssistant(database.prisma);

    const error = await startTimer(database.prisma, { assistantId: stranger.id, taskId: task.id, now: clock.now() }).catch((caught: unknown) => caught);

    expect((error as AppError).code).toBe("NOT_FOUND");
  });

  it("refuses a task in review", async () => {
    const { assistant, task } = await assignedTask();
    await database.prisma.task.update({ where: { id: task.id }, data: { status: "in_review" } });

    const error = await startTimer(database.prisma, { assistantId: assistant.id, taskId: task.id, now: clock.now() }).catch((caught: unknown) => caught);

    expect((error as AppError).message).toMatch(/in review/);
  });

  it("refuses a client with no time left", async () => {
    const { assistant, task } = await assignedTask({ usedMinutes: 60 });

    const error = await startTimer(database.prisma, { assistantId: assistant.id, taskId: task.id, now: clock.now() }).catch((caught: unknown) => caught);

    expect((error as AppError).code).toBe("PRECONDITION_FAILED");
    expect((error as AppError).message).toMatch(/no time left/);
  });
});

describe("exhaustion", () => {
  it("stops at the exhaustion instant even when the runner is late", async () => {
    // 14:00 in New York on 12 January is 19:00 UTC.
    const { assistant, task, client } = await assignedTask({ usedMinutes: 55 });
    await startTimer(database.prisma, { assistantId: assistant.id, taskId: task.id, now: clock.now() });
    expect((await database.prisma.clientAccount.findUniqueOrThrow({ where: { id: client.id } })).balanceExhaustsAt?.toISOString()).toBe("2027-01-12T19:05:00.000Z");

    clock.set("2027-01-12T19:07:00Z");
    await applyDueWork({ db: database.prisma, now: clock.now(), transport });

    const entry = (await entriesOf(assistant.id)).at(-1);
    expect(entry?.endedAt?.toISOString()).toBe("2027-01-12T19:05:00.000Z");
    expect(entry?.seconds).toBe(300);
    expect(entry?.stopCause).toBe("balance_exhausted");
    expect((await database.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("out_of_time");
    expect((await getBalance(database.prisma, client.id, clock.now())).remainingSeconds).toBe(0);
    expect(await database.prisma.emailOutbox.count({ where: { template: "stop-work", payload: { path: ["taskTitle"], equals: task.title } } })).toBeGreaterThan(0);
    expect(await database.prisma.notification.count({ where: { userId: client.userId, kind: "time_used_up" } })).toBe(1);
  });

  it("records nothing past the instant when the stop comes late", async () => {
    const { assistant, task } = await assignedTask({ usedMinutes: 55 });
    await startTimer(database.prisma, { assistantId: assistant.id, taskId: task.id, now: clock.now() });

    clock.set("2027-01-12T19:30:00Z");
    const stopped = await stopTimer(database.prisma, { assistantId: assistant.id, now: clock.now() });

    expect(stopped?.endedAt.toISOString()).toBe("2027-01-12T19:05:00.000Z");
    expect(stopped?.seconds).toBe(300);
  });

  it("shares the balance between two assistants", async () => {
    const first = await assignedTask({ usedMinutes: 50 });
    const second = await assignedTask({ clientId: first.client.id });
    await startTimer(database.prisma, { assistantId: first.assistant.id, taskId: first.task.id, now: clock.now() });
    clock.advance(2 * MINUTE);
    await startTimer(database.prisma, { assistantId: second.assistant.id, taskId: second.task.id, now: clock.now() });

    // 10 minutes left at 19:00; 8 left at 19:02 shared by two timers: 4 more minutes each.
    clock.set("2027-01-12T19:20:00Z");
    await applyDueWork({ db: database.prisma, now: clock.now(), transport });

    const firstEntry = (await entriesOf(first.assistant.id)).at(-1);
    const secondEntry = (await entriesOf(second.assistant.id)).at(-1);
    expect(firstEntry?.endedAt?.toISOString()).toBe("2027-01-12T19:06:00.000Z");
    expect(secondEntry?.endedAt?.toISOString()).toBe("2027-01-12T19:06:00.000Z");
    expect((firstEntry?.seconds ?? 0) + (secondEntry?.seconds ?? 0)).toBe(600);
  });

  it("stops a task at its own limit", async () => {
    const { assistant, task } = await assignedTask({ timeLimitMinutes: 20 });
    await startTimer(database.prisma, { assistantId: assistant.id, taskId: task.id, now: clock.now() });

    clock.set("2027-01-12T19:45:00Z");
    await applyDueWork({ db: database.prisma, now: clock.now(), transport });

    const entry = (await entriesOf(assistant.id)).at(-1);
    expect(entry?.endedAt?.toISOString()).toBe("2027-01-12T19:20:00.000Z");
    expect(entry?.stopCause).toBe("task_limit_reached");
    const error = await startTimer(database.prisma, { assistantId: assistant.id, taskId: task.id, now: clock.now() }).catch((caught: unknown) => caught);
    expect((error as AppError).message).toMatch(/time limit of 20 minutes/);
  });

  it("sends the 80 % and 10-minute warnings once each", async () => {
    const { assistant, task, client } = await assignedTask({ usedMinutes: 40 });
    await startTimer(database.prisma, { assistantId: assistant.id, taskId: task.id, now: clock.now() });

    clock.set("2027-01-12T19:09:00Z");
    await applyDueWork({ db: database.prisma, now: clock.now(), transport });
    clock.set("2027-01-12T19:11:00Z");
    await applyDueWork({ db: database.prisma, now: clock.now(), transport });
    await applyDueWork({ db: database.prisma, now: clock.now(), transport });

    const warnings = await database.prisma.budgetWarning.findMany({ where: { clientId: client.id }, orderBy: { sentAt: "asc" } });
    expect(warnings.map((warning) => warning.kind)).toEqual(["percent_used", "minutes_left"]);
    expect(await database.prisma.notification.count({ where: { userId: client.userId, kind: "time_low" } })).toBe(2);
  });
});

describe("watchdog", () => {
  it("stops and flags an 8-hour-old timer", async () => {
    const client = await createClient(database.prisma, { trialStartedAt: new Date("2027-01-01T00:00:00Z"), trialSeconds: 20 * 3600 });
    const { assistant, task } = await assignedTask({ clientId: client.id });
    await startTimer(database.prisma, { assistantId: assistant.id, taskId: task.id, now: clock.now() });

    clock.advance(9 * 60 * MINUTE);
    await applyDueWork({ db: database.prisma, now: clock.now(), transport });
    await applyDueWork({ db: database.prisma, now: clock.now(), transport });

    const entry = (await entriesOf(assistant.id)).at(-1);
    expect(entry?.seconds).toBe(8 * 3600);
    expect(entry?.flagged).toBe(true);
    expect(entry?.stopCause).toBe("watchdog");
    const user = await database.prisma.assistantProfile.findUniqueOrThrow({ where: { id: assistant.id }, select: { userId: true } });
    expect(await database.prisma.notification.count({ where: { userId: user.userId, kind: "timer_stopped" } })).toBe(1);
  });
});
