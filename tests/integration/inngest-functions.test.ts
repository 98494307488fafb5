import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ManualClock } from "~/server/clock";
import { createLocalMailboxTransport } from "~/server/email/transport";
import { createFunctions } from "~/server/jobs/functions";
import { submitForReview } from "~/server/reviews/delivery";
import { startTimer, stopTimer } from "~/server/timer/timer";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createAssignment, createAssistant, createClient, createTask, createUser } from "../support/factories";

let database: TestDatabase;
const clock = new ManualClock("2027-11-01T09:00:00Z");
const transport = createLocalMailboxTransport();
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.close();
});

const functions = () => createFunctions({ getDb: () => Promise.resolve(database.prisma), clock, transport: () => transport });

/** Mocks every sleep and the email event, so the engine runs the function straight through. */
function mockedSteps(sleepIds: string[]) {
  return [...sleepIds.map((id) => ({ id, handler: () => undefined })), { id: "deliver-queued-emails", handler: () => ({ ids: ["event"] }) }];
}

async function acceptedAssignment(options: { trialMinutesUsed?: number } = {}) {
  clock.advance(DAY);
  const client = await createClient(database.prisma, { trialStartedAt: new Date(clock.now().getTime() - 3 * 60 * MINUTE) });
  const user = await createUser(database.prisma, { role: "assistant" });
  const assistant = await createAssistant(database.prisma, { userId: user.id });
  const task = await createTask(database.prisma, { clientId: client.id, status: "assigned" });
  const assignment = await createAssignment(database.prisma, {
    taskId: task.id,
    assistantId: assistant.id,
    acceptedAt: clock.now(),
    startBy: new Date(clock.now().getTime() + 15 * MINUTE),
    startReminderAt: new Date(clock.now().getTime() + 7.5 * MINUTE),
  });
  if (options.trialMinutesUsed) {
    const start = new Date(clock.now().getTime() - 2 * 60 * MINUTE);
    await database.prisma.timeEntry.create({
      data: { taskId: task.id, clientId: client.id, assistantId: assistant.id, startedAt: start, endedAt: new Date(start.getTime() + options.trialMinutesUsed * MINUTE), seconds: options.trialMinutesUsed * 60 },
    });
  }

  return { client, assistant, task, assignment };
}

function startWindowEvent(assignment: { id: string; startReminderAt: Date; startBy: Date }) {
  return { name: "work/assignment.accepted", data: { assignmentId: assignment.id, startReminderAt: assignment.startReminderAt.toISOString(), startBy: assignment.startBy.toISOString() } };
}

describe("watch-start-window", () => {
  it("reminds, then reallocates an unstarted task", async () => {
    const { assignment } = await acceptedAssignment();
    // Each mocked sleep ends at its deadline, so it moves the clock there before the next step runs.
    const engine = new InngestTestEngine({
      function: functions().watchStartWindow,
      events: [startWindowEvent(assignment)],
      steps: [
        { id: "wait-for-start-reminder", handler: () => clock.set(assignment.startReminderAt) },
        { id: "wait-for-start-deadline", handler: () => clock.set(assignment.startBy) },
        { id: "deliver-queued-emails", handler: () => ({ ids: ["event"] }) },
      ],
    });

    const { result, ctx } = await engine.execute();

    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-for-start-reminder", assignment.startReminderAt);
    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-for-start-deadline", assignment.startBy);
    expect(result).toEqual({ reminded: 1, reallocated: true });
    expect((await database.prisma.assignment.findUniqueOrThrow({ where: { id: assignment.id } })).endReason).toBe("lapsed");
  });

  it("does nothing once the timer has started", async () => {
    const { assignment, assistant, task } = await acceptedAssignment();
    await startTimer(database.prisma, { assistantId: assistant.id, taskId: task.id, now: new Date(clock.now().getTime() + 400) });
    clock.set(assignment.startBy);
    const engine = new InngestTestEngine({ function: functions().watchStartWindow, events: [startWindowEvent(assignment)], steps: mockedSteps(["wait-for-start-reminder", "wait-for-start-deadline"]) });

    const { result, ctx } = await engine.execute();

    expect(result).toEqual({ reminded: 0, reallocated: false });
    expect(ctx.step.sendEvent).not.toHaveBeenCalled();
    expect((await database.prisma.assignment.findUniqueOrThrow({ where: { id: assignment.id } })).endedAt).toBeNull();
  });
});

describe("stop-at-exhaustion", () => {
  it("stops the timer at the projected instant", async () => {
    const { client, assistant, task } = await acceptedAssignment({ trialMinutesUsed: 50 });
    await startTimer(database.prisma, { assistantId: assistant.id, taskId: task.id, now: clock.now() });
    const projected = (await database.prisma.clientAccount.findUniqueOrThrow({ where: { id: client.id } })).balanceExhaustsAt;
    expect(projected?.getTime()).toBe(clock.now().getTime() + 10 * MINUTE);
    clock.advance(12 * MINUTE);
    const engine = new InngestTestEngine({
      function: functions().stopAtExhaustion,
      events: [{ name: "budget/exhaustion.projected", data: { clientId: client.id, taskId: task.id, balanceExhaustsAt: projected?.toISOString() ?? null, limitReachedAt: null } }],
      steps: mockedSteps(["wait-for-exhaustion"]),
    });

    const { result, ctx } = await engine.execute();

    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-for-exhaustion", projected);
    expect(result).toMatchObject({ timersStopped: 1 });
    const entry = await database.prisma.timeEntry.findFirstOrThrow({ where: { taskId: task.id, stopCause: "balance_exhausted" } });
    expect(entry.endedAt?.toISOString()).toBe(projected?.toISOString());
  });

  it("does nothing when the timer stopped meanwhile", async () => {
    const { client, assistant, task } = await acceptedAssignment({ trialMinutesUsed: 50 });
    const started = clock.now();
    await startTimer(database.prisma, { assistantId: assistant.id, taskId: task.id, now: started });
    const projected = new Date(started.getTime() + 10 * MINUTE);
    await stopTimer(database.prisma, { assistantId: assistant.id, now: new Date(started.getTime() + 5 * MINUTE) });
    clock.set(projected);
    const engine = new InngestTestEngine({
      function: functions().stopAtExhaustion,
      events: [{ name: "budget/exhaustion.projected", data: { clientId: client.id, taskId: task.id, balanceExhaustsAt: projected.toISOString(), limitReachedAt: null } }],
      steps: mockedSteps(["wait-for-exhaustion"]),
    });

    const { result } = await engine.execute();

    expect(result).toMatchObject({ timersStopped: 0, tasks: 0 });
  });
});

describe("send-time-warnings-on-time", () => {
  function projectedEvent(clientId: string, taskId: string, timeWarningDueAt: Date | null) {
    return { name: "budget/exhaustion.projected", data: { clientId, taskId, balanceExhaustsAt: null, limitReachedAt: null, timeWarningDueAt: timeWarningDueAt?.toISOString() ?? null } };
  }

  it("sends both warnings at their instants", async () => {
    const { client, assistant, task } = await acceptedAssignment({ trialMinutesUsed: 40 });
    const started = clock.now();
    await startTimer(database.prisma, { assistantId: assistant.id, taskId: task.id, now: started });
    const percentAt = new Date(started.getTime() + 8 * MINUTE);
    const minutesAt = new Date(started.getTime() + 10 * MINUTE);
    expect((await database.prisma.clientAccount.findUniqueOrThrow({ where: { id: client.id } })).timeWarningDueAt).toEqual(percentAt);
    // Each mocked sleep ends at its deadline, so it moves the clock there before the next step runs.
    const engine = new InngestTestEngine({
      function: functions().sendTimeWarningsOnTime,
      events: [projectedEvent(client.id, task.id, percentAt)],
      steps: [
        { id: "wait-for-time-warning-1", handler: () => clock.set(percentAt) },
        { id: "wait-for-time-warning-2", handler: () => clock.set(minutesAt) },
        { id: "deliver-queued-emails", handler: () => ({ ids: ["event"] }) },
      ],
    });

    const { result, ctx } = await engine.execute();

    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-for-time-warning-1", percentAt);
    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-for-time-warning-2", minutesAt);
    expect(result).toEqual({ warnings: 2 });
    const warnings = await database.prisma.budgetWarning.findMany({ where: { clientId: client.id }, orderBy: { sentAt: "asc" } });
    expect(warnings.map((row) => [row.kind, row.sentAt])).toEqual([
      ["percent_used", percentAt],
      ["minutes_left", minutesAt],
    ]);
  });

  it("sends nothing when woken early", async () => {
    const { client, assistant, task } = await acceptedAssignment({ trialMinutesUsed: 40 });
    const started = clock.now();
    await startTimer(database.prisma, { assistantId: assistant.id, taskId: task.id, now: started });
    const percentAt = new Date(started.getTime() + 8 * MINUTE);
    clock.set(new Date(percentAt.getTime() - 1));
    const engine = new InngestTestEngine({
      function: functions().sendTimeWarningsOnTime,
      events: [projectedEvent(client.id, task.id, percentAt)],
      steps: mockedSteps(["wait-for-time-warning-1", "wait-for-time-warning-2", "wait-for-time-warning-3"]),
    });

    const { result, ctx } = await engine.execute();

    expect(result).toEqual({ warnings: 0 });
    expect(ctx.step.sendEvent).not.toHaveBeenCalled();
    expect(await database.prisma.budgetWarning.count({ where: { clientId: client.id } })).toBe(0);
  });
});

describe("watch-review", () => {
  it("reminds twice and approves at the end", async () => {
    const { assistant, task, client } = await acceptedAssignment();
    const { autoApproveAt } = await submitForReview(database.prisma, { assistantId: assistant.id, taskId: task.id, note: "Done, see the sheet.", links: [], timeLogConfirmed: true, now: clock.now() });
    const reminderAts = [new Date(autoApproveAt.getTime() - 2 * DAY), new Date(autoApproveAt.getTime() - DAY)];
    let sleeps = 0;
    const deadlines = [...reminderAts, autoApproveAt];
    const engine = new InngestTestEngine({
      function: functions().watchReview,
      events: [{ name: "review/task.submitted", data: { taskId: task.id, autoApproveAt: autoApproveAt.toISOString(), reminderAts: reminderAts.map((value) => value.toISOString()) } }],
      steps: [
        ...["wait-for-review-deadline-1", "wait-for-review-deadline-2", "wait-for-review-deadline-3"].map((id) => ({
          id,
          handler: () => {
            clock.set(deadlines[sleeps] ?? autoApproveAt);
            sleeps += 1;
          },
        })),
        { id: "deliver-queued-emails", handler: () => ({ ids: ["event"] }) },
      ],
    });

    const { result } = await engine.execute();

    expect(result).toEqual({ approved: 1 });
    expect((await database.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("completed");
    expect(await database.prisma.notification.count({ where: { userId: client.userId, kind: "review_reminder" } })).toBe(2);
  });
});
