import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { buyTopUp } from "~/server/billing/purchase";
import { ManualClock } from "~/server/clock";
import { applyDueWork } from "~/server/deadlines/due-work";
import { createLocalMailboxTransport } from "~/server/email/transport";
import { addMissedEntry } from "~/server/timer/corrections";
import { startTimer, stopTimer } from "~/server/timer/timer";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createAssignment, createAssistant, createClient, createTask, createUser } from "../support/factories";

let database: TestDatabase;
const clock = new ManualClock("2027-03-01T09:00:00Z");
const transport = createLocalMailboxTransport();
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.close();
});

/**
 * Moves the clock a day on, then builds a 60-minute trial client with
 * `usedMinutes` logged the day before and a task assigned to a new assistant.
 */
async function trialTask(usedMinutes: number) {
  clock.advance(DAY);
  const start = clock.now();
  const client = await createClient(database.prisma, { trialStartedAt: new Date(start.getTime() - 2 * DAY), trialSeconds: 3600 });
  const user = await createUser(database.prisma, { role: "assistant" });
  const assistant = await createAssistant(database.prisma, { userId: user.id });
  const task = await createTask(database.prisma, { clientId: client.id, status: "assigned" });
  await createAssignment(database.prisma, { taskId: task.id, assistantId: assistant.id, acceptedAt: start, startBy: new Date(start.getTime() + 15 * MINUTE), startReminderAt: start });
  if (usedMinutes > 0) {
    const earlier = new Date(start.getTime() - DAY);
    await database.prisma.timeEntry.create({
      data: { taskId: task.id, clientId: client.id, assistantId: assistant.id, startedAt: earlier, endedAt: new Date(earlier.getTime() + usedMinutes * MINUTE), seconds: usedMinutes * 60 },
    });
  }

  return { client, assistant, assistantUserId: user.id, task, start };
}

const at = (start: Date, minutes: number, milliseconds = 0) => new Date(start.getTime() + minutes * MINUTE + milliseconds);

const pass = (now: Date) => applyDueWork({ db: database.prisma, now, transport });

const warningsOf = (clientId: string) => database.prisma.budgetWarning.findMany({ where: { clientId }, orderBy: { sentAt: "asc" } });

const dueAtOf = async (clientId: string) => (await database.prisma.clientAccount.findUniqueOrThrow({ where: { id: clientId } })).timeWarningDueAt;

describe("time warning instants", () => {
  it("projects the 80 % instant when a timer starts", async () => {
    const { client, assistant, task, start } = await trialTask(40);

    await startTimer(database.prisma, { assistantId: assistant.id, taskId: task.id, now: start });

    // 40 of 60 minutes used: 48 minutes is 80 %, 8 minutes of work away.
    expect((await dueAtOf(client.id))?.toISOString()).toBe(at(start, 8).toISOString());
  });

  it("sends each warning at its instant and not before", async () => {
    const { client, assistant, assistantUserId, task, start } = await trialTask(40);
    await startTimer(database.prisma, { assistantId: assistant.id, taskId: task.id, now: start });

    await pass(at(start, 8, -1));
    expect(await warningsOf(client.id)).toHaveLength(0);

    await pass(at(start, 8));
    const first = await warningsOf(client.id);
    expect(first.map((row) => row.kind)).toEqual(["percent_used"]);
    expect(first[0]?.sentAt.toISOString()).toBe(at(start, 8).toISOString());
    expect((await dueAtOf(client.id))?.toISOString()).toBe(at(start, 10).toISOString());

    await pass(at(start, 10, -1));
    expect(await warningsOf(client.id)).toHaveLength(1);

    await pass(at(start, 10));
    await pass(at(start, 11));
    const both = await warningsOf(client.id);
    expect(both.map((row) => row.kind)).toEqual(["percent_used", "minutes_left"]);
    expect(both[1]?.sentAt.toISOString()).toBe(at(start, 10).toISOString());
    expect(await dueAtOf(client.id)).toBeNull();

    const clientNotes = await database.prisma.notification.findMany({ where: { userId: client.userId, kind: "time_low" }, orderBy: { createdAt: "asc" } });
    expect(clientNotes.map((note) => note.title)).toEqual(["80 % of the hours are used", "10 minutes left"]);
    expect(clientNotes.map((note) => note.createdAt.toISOString())).toEqual([at(start, 8).toISOString(), at(start, 10).toISOString()]);
    expect(await database.prisma.notification.count({ where: { userId: assistantUserId, kind: "time_low" } })).toBe(2);
  });

  it("dates late warnings at their instants", async () => {
    const { client, assistant, assistantUserId, task, start } = await trialTask(40);
    await startTimer(database.prisma, { assistantId: assistant.id, taskId: task.id, now: start });

    // One pass long after the balance ran out at 20 minutes: the timer stopped before the warnings went out.
    await pass(at(start, 30));

    const warnings = await warningsOf(client.id);
    expect(warnings.map((row) => row.sentAt.toISOString())).toEqual([at(start, 8).toISOString(), at(start, 10).toISOString()]);
    expect(await database.prisma.notification.count({ where: { userId: assistantUserId, kind: "time_low" } })).toBe(2);
    const entry = await database.prisma.timeEntry.findFirstOrThrow({ where: { taskId: task.id, stopCause: "balance_exhausted" } });
    expect(entry.endedAt?.toISOString()).toBe(at(start, 20).toISOString());
  });

  it("halves the wait with two timers", async () => {
    const first = await trialTask(40);
    const user = await createUser(database.prisma, { role: "assistant" });
    const second = await createAssistant(database.prisma, { userId: user.id });
    const task = await createTask(database.prisma, { clientId: first.client.id, status: "assigned" });
    await createAssignment(database.prisma, { taskId: task.id, assistantId: second.id, acceptedAt: first.start, startBy: at(first.start, 15), startReminderAt: first.start });
    await startTimer(database.prisma, { assistantId: first.assistant.id, taskId: first.task.id, now: first.start });

    await startTimer(database.prisma, { assistantId: second.id, taskId: task.id, now: at(first.start, 2) });

    // 42 minutes used at 2 minutes, and two timers spend the last 6 minutes to 80 % in 3.
    expect((await dueAtOf(first.client.id))?.toISOString()).toBe(at(first.start, 5).toISOString());
  });

  it("sends nothing after the timer stops short", async () => {
    const { client, assistant, task, start } = await trialTask(40);
    await startTimer(database.prisma, { assistantId: assistant.id, taskId: task.id, now: start });

    await stopTimer(database.prisma, { assistantId: assistant.id, now: at(start, 5) });
    await pass(at(start, 30));

    expect(await dueAtOf(client.id)).toBeNull();
    expect(await warningsOf(client.id)).toHaveLength(0);
  });

  it("moves the instant later after a top-up", async () => {
    const { client, assistant, task, start } = await trialTask(40);
    await startTimer(database.prisma, { assistantId: assistant.id, taskId: task.id, now: start });

    await buyTopUp(database.prisma, { clientId: client.id, seconds: 3600, idempotencyKey: `top-up-${client.id}`, now: at(start, 1) });

    // 120 minutes in all: 80 % is 96 minutes, and 41 are used at 1 minute.
    expect((await dueAtOf(client.id))?.toISOString()).toBe(at(start, 56).toISOString());
    await pass(at(start, 8));
    expect(await warningsOf(client.id)).toHaveLength(0);
  });

  it("sends a warning that a correction crossed", async () => {
    const { client, assistant, assistantUserId, task, start } = await trialTask(40);

    // A missed 10-minute entry brings the trial to 50 of 60 minutes with no timer running.
    await addMissedEntry(database.prisma, {
      corrector: { kind: "assistant", userId: assistantUserId, assistantId: assistant.id },
      taskId: task.id,
      startedAt: at(start, -30),
      endedAt: at(start, -20),
      reason: "Forgot to start the timer for the supplier calls.",
      now: start,
    });
    await pass(start);

    const warnings = await warningsOf(client.id);
    expect(warnings.map((row) => [row.kind, row.sentAt.toISOString()])).toEqual([
      ["percent_used", at(start, -22).toISOString()],
      ["minutes_left", at(start, -20).toISOString()],
    ]);
  });
});
