import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ManualClock } from "~/server/clock";
import { applyDueWork } from "~/server/deadlines/due-work";
import { createLocalMailboxTransport } from "~/server/email/transport";
import { AppError } from "~/server/errors";
import { approveExtraMinutes, sendHandoff } from "~/server/handoffs/handoff";
import { submitForReview } from "~/server/reviews/delivery";
import { approveWork, requestChanges } from "~/server/reviews/review";
import { editEntry } from "~/server/timer/corrections";
import { startTimer } from "~/server/timer/timer";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createAssignment, createAssistant, createClient, createTask, createUser } from "../support/factories";

let database: TestDatabase;
const clock = new ManualClock("2027-08-02T09:00:00Z");
const transport = createLocalMailboxTransport();
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.close();
});

async function workingTask(options: { timeLimitMinutes?: number } = {}) {
  clock.advance(DAY);
  const client = await createClient(database.prisma, { trialStartedAt: clock.now(), trialSeconds: 10 * 3600 });
  const user = await createUser(database.prisma, { role: "assistant" });
  const assistant = await createAssistant(database.prisma, { userId: user.id });
  const task = await createTask(database.prisma, { clientId: client.id, status: "assigned", timeLimitSeconds: options.timeLimitMinutes ? options.timeLimitMinutes * 60 : null });
  await createAssignment(database.prisma, { taskId: task.id, assistantId: assistant.id, acceptedAt: clock.now(), startBy: new Date(clock.now().getTime() + 15 * MINUTE), startReminderAt: clock.now() });
  await startTimer(database.prisma, { assistantId: assistant.id, taskId: task.id, now: clock.now() });

  return { client, assistant, user, task };
}

const taskStatus = async (taskId: string) => (await database.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).status;

describe("handoff", () => {
  it("lets the client approve extra minutes and the same assistant continue", async () => {
    const { client, assistant, user, task } = await workingTask({ timeLimitMinutes: 30 });
    clock.advance(31 * MINUTE);
    await applyDueWork({ db: database.prisma, now: clock.now(), transport });
    expect(await taskStatus(task.id)).toBe("out_of_time");

    await sendHandoff(database.prisma, { assistantId: assistant.id, taskId: task.id, achieved: "Found two of three suppliers.", extraMinutesNeeded: 20, now: clock.now() });
    expect(await database.prisma.notification.count({ where: { userId: client.userId, kind: "handoff_received" } })).toBe(1);

    const result = await approveExtraMinutes(database.prisma, { clientId: client.id, taskId: task.id, minutes: 20, now: clock.now() });

    expect(result.resumed).toBe(true);
    expect(await taskStatus(task.id)).toBe("in_progress");
    expect((await database.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).timeLimitSeconds).toBe(50 * 60);
    expect(await database.prisma.notification.count({ where: { userId: user.id, kind: "time_added" } })).toBe(1);
    const restarted = await startTimer(database.prisma, { assistantId: assistant.id, taskId: task.id, now: clock.now() });
    expect(restarted.entryId).toBeTruthy();
  });

  it("is refused while the task still has time", async () => {
    const { assistant, task } = await workingTask();

    const error = await sendHandoff(database.prisma, { assistantId: assistant.id, taskId: task.id, achieved: "Half of it is done.", extraMinutesNeeded: 10, now: clock.now() }).catch((caught: unknown) => caught);

    expect((error as AppError).code).toBe("PRECONDITION_FAILED");
  });
});

describe("delivery and review", () => {
  it("submit stops the timer and puts the task in review", async () => {
    const { assistant, task, client } = await workingTask();
    clock.advance(25 * MINUTE);

    await submitForReview(database.prisma, { assistantId: assistant.id, taskId: task.id, note: "Three suppliers in the sheet.", links: ["https://docs.example/sheet"], timeLogConfirmed: true, now: clock.now() });

    expect(await taskStatus(task.id)).toBe("in_review");
    const entry = await database.prisma.timeEntry.findFirstOrThrow({ where: { taskId: task.id } });
    expect(entry.seconds).toBe(25 * 60);
    expect(entry.stopCause).toBe("submitted");
    expect(await database.prisma.notification.count({ where: { userId: client.userId, kind: "ready_for_review" } })).toBe(1);
  });

  it("requires the time log confirmation", async () => {
    const { assistant, task } = await workingTask();

    const error = await submitForReview(database.prisma, { assistantId: assistant.id, taskId: task.id, note: "Done, see sheet.", links: [], timeLogConfirmed: false, now: clock.now() }).catch((caught: unknown) => caught);

    expect((error as AppError).fieldErrors?.timeLogConfirmed).toMatch(/Confirm/);
  });

  it("approval completes the task and locks the time log", async () => {
    const { assistant, user, task, client } = await workingTask();
    clock.advance(10 * MINUTE);
    await submitForReview(database.prisma, { assistantId: assistant.id, taskId: task.id, note: "All done as asked.", links: [], timeLogConfirmed: true, now: clock.now() });

    await approveWork(database.prisma, { clientId: client.id, reviewerId: client.userId, taskId: task.id, rating: 5, comment: "Great work", now: clock.now() });

    expect(await taskStatus(task.id)).toBe("completed");
    const review = await database.prisma.review.findFirstOrThrow({ where: { taskId: task.id } });
    expect(review.rating).toBe(5);
    expect(review.automatic).toBe(false);
    const entry = await database.prisma.timeEntry.findFirstOrThrow({ where: { taskId: task.id } });
    const error = await editEntry(database.prisma, { corrector: { kind: "assistant", userId: user.id, assistantId: assistant.id }, entryId: entry.id, endedAt: new Date(entry.startedAt.getTime() + 5 * MINUTE), reason: "Shorter", now: clock.now() }).catch(
      (caught: unknown) => caught,
    );
    expect((error as AppError).message).toMatch(/locked/);
  });

  it("request changes returns the task to the same assistant", async () => {
    const { assistant, user, task, client } = await workingTask();
    await submitForReview(database.prisma, { assistantId: assistant.id, taskId: task.id, note: "First draft is ready.", links: [], timeLogConfirmed: true, now: clock.now() });

    await requestChanges(database.prisma, { clientId: client.id, reviewerId: client.userId, taskId: task.id, note: "Add prices per sack.", now: clock.now() });

    expect(await taskStatus(task.id)).toBe("in_progress");
    expect(await database.prisma.assignment.count({ where: { taskId: task.id, assistantId: assistant.id, endedAt: null } })).toBe(1);
    expect(await database.prisma.notification.count({ where: { userId: user.id, kind: "changes_requested" } })).toBe(1);
  });

  it("another client's task is not found", async () => {
    const { assistant, task } = await workingTask();
    await submitForReview(database.prisma, { assistantId: assistant.id, taskId: task.id, note: "Ready for you.", links: [], timeLogConfirmed: true, now: clock.now() });
    const stranger = await createClient(database.prisma);

    const error = await approveWork(database.prisma, { clientId: stranger.id, reviewerId: stranger.userId, taskId: task.id, now: clock.now() }).catch((caught: unknown) => caught);

    expect((error as AppError).code).toBe("NOT_FOUND");
  });

  it("auto-approves at day 7 after two reminders, each once", async () => {
    const { assistant, task, client } = await workingTask();
    await submitForReview(database.prisma, { assistantId: assistant.id, taskId: task.id, note: "Ready for review.", links: [], timeLogConfirmed: true, now: clock.now() });
    const submittedAt = clock.now().getTime();
    const reminders = () => database.prisma.notification.count({ where: { userId: client.userId, kind: "review_reminder" } });

    clock.set(new Date(submittedAt + 5 * DAY - 1));
    await applyDueWork({ db: database.prisma, now: clock.now(), transport });
    expect(await reminders()).toBe(0);

    clock.set(new Date(submittedAt + 5 * DAY));
    await applyDueWork({ db: database.prisma, now: clock.now(), transport });
    await applyDueWork({ db: database.prisma, now: clock.now(), transport });
    expect(await reminders()).toBe(1);

    clock.set(new Date(submittedAt + 6 * DAY));
    await applyDueWork({ db: database.prisma, now: clock.now(), transport });
    expect(await reminders()).toBe(2);
    expect(await taskStatus(task.id)).toBe("in_review");

    clock.set(new Date(submittedAt + 7 * DAY));
    await applyDueWork({ db: database.prisma, now: clock.now(), transport });

    expect(await taskStatus(task.id)).toBe("completed");
    expect((await database.prisma.review.findFirstOrThrow({ where: { taskId: task.id } })).automatic).toBe(true);
    expect(await reminders()).toBe(2);
  });
});
