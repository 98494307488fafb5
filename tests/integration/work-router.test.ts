/**
 * The work router through `createCaller` and through tRPC's fetch handler,
 * as signed-in assistants, with a clock the tests move by hand.
 */
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { loadSessionUser, type SessionUser } from "~/server/auth/session-user";
import { ManualClock } from "~/server/clock";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createAssignment, createAssistant, createClient, createOffer, createTask, createUser } from "../support/factories";
import { postMutation } from "../support/http-trpc";

const START = "2027-01-12T19:00:00.000Z";
const MINUTE_MS = 60_000;

let database: TestDatabase;
const clock = new ManualClock(START);

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.close();
});

beforeEach(() => {
  clock.set(START);
});

/** Creates an assistant with a user of role assistant and returns their session as the app loads it. */
async function signedInAssistant(): Promise<SessionUser> {
  const user = await createUser(database.prisma, { role: "assistant", timeZone: "Europe/London" });
  await createAssistant(database.prisma, { userId: user.id, timeZone: "Europe/London" });
  const session = await loadSessionUser(database.prisma, user.id);
  if (!session?.assistantId) {
    throw new Error(`user ${user.id} did not load as an assistant`);
  }

  return session;
}

/** Creates a trial client's task assigned to the assistant, accepted a minute ago, whose start window is open. */
async function assignedTask(assistant: SessionUser, title = "Reconcile January receipts") {
  const client = await createClient(database.prisma, { trialStartedAt: new Date("2027-01-10T00:00:00Z"), standingNotes: "Use British spelling." });
  const task = await createTask(database.prisma, { clientId: client.id, status: "assigned", title });
  const acceptedAt = new Date(clock.now().getTime() - MINUTE_MS);
  await createAssignment(database.prisma, {
    taskId: task.id,
    assistantId: assistant.assistantId ?? "",
    acceptedAt,
    startBy: new Date(acceptedAt.getTime() + 15 * MINUTE_MS),
    startReminderAt: new Date(acceptedAt.getTime() + 7.5 * MINUTE_MS),
  });

  return task;
}

function contextFor(user: SessionUser) {
  return createContextInner({ db: database.prisma, user, clock });
}

function callerFor(user: SessionUser) {
  return createCaller(contextFor(user));
}

/** Awaits a call that must fail and returns its tRPC error. */
async function trpcErrorOf(call: Promise<unknown>): Promise<TRPCError> {
  const error: unknown = await call.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof TRPCError)) {
    throw new Error(`Expected a TRPCError, got: ${String(error)}`);
  }

  return error;
}

describe("work.task", () => {
  it("returns the task with serverNow", async () => {
    const assistant = await signedInAssistant();
    const task = await assignedTask(assistant);

    const result = await callerFor(assistant).work.task({ taskId: task.id });

    expect(result.id).toBe(task.id);
    expect(result.serverNow.toISOString()).toBe(START);
    expect(result.client.standingNotes).toBe("Use British spelling.");
    expect(result.started).toBe(false);
    expect(result.runningTimer).toBeNull();
  });

  it("is NOT_FOUND for an assistant not assigned", async () => {
    const owner = await signedInAssistant();
    const stranger = await signedInAssistant();
    const task = await assignedTask(owner);

    const error = await trpcErrorOf(callerFor(stranger).work.task({ taskId: task.id }));

    expect(error.code).toBe("NOT_FOUND");
  });

  it("is FORBIDDEN for a client", async () => {
    const assistant = await signedInAssistant();
    const task = await assignedTask(assistant);
    const clientUser = await createUser(database.prisma, { role: "client" });
    await createClient(database.prisma, { userId: clientUser.id });
    const session = await loadSessionUser(database.prisma, clientUser.id);
    if (!session) {
      throw new Error("client did not load");
    }

    const error = await trpcErrorOf(callerFor(session).work.task({ taskId: task.id }));

    expect(error.code).toBe("FORBIDDEN");
  });
});

describe("work timer", () => {
  it("records the seconds between start and stop", async () => {
    const assistant = await signedInAssistant();
    const task = await assignedTask(assistant);
    const caller = callerFor(assistant);

    const started = await caller.work.startTimer({ taskId: task.id });
    clock.advance(95_000);
    const running = await caller.work.task({ taskId: task.id });
    const { stopped } = await caller.work.stopTimer();
    const after = await caller.work.task({ taskId: task.id });

    expect(started.startedAt.toISOString()).toBe(START);
    expect(started.switchedFrom).toBeNull();
    expect(running.runningTimer?.taskId).toBe(task.id);
    expect(running.loggedSeconds).toBe(95);
    expect(stopped?.seconds).toBe(95);
    expect(after.runningTimer).toBeNull();
    expect(after.loggedSeconds).toBe(95);
    expect(after.timeEntries).toHaveLength(1);
    expect(after.timeEntries[0]?.seconds).toBe(95);
  });

  it("reports the timer stopped by a switch", async () => {
    const assistant = await signedInAssistant();
    const first = await assignedTask(assistant, "Book the Lisbon flights");
    const second = await assignedTask(assistant, "Sort the shared inbox");
    const caller = callerFor(assistant);

    await caller.work.startTimer({ taskId: first.id });
    clock.advance(5 * MINUTE_MS);
    const switched = await caller.work.startTimer({ taskId: second.id });

    expect(switched.switchedFrom?.taskTitle).toBe("Book the Lisbon flights");
    expect(switched.switchedFrom?.endedAt.toISOString()).toBe(clock.now().toISOString());
    expect(switched.switchedFrom?.seconds).toBe(300);
  });

  it("returns null when no timer runs", async () => {
    const assistant = await signedInAssistant();

    const { stopped } = await callerFor(assistant).work.stopTimer();

    expect(stopped).toBeNull();
  });

  it("rejects a start on someone else's task", async () => {
    const owner = await signedInAssistant();
    const stranger = await signedInAssistant();
    const task = await assignedTask(owner);

    const error = await trpcErrorOf(callerFor(stranger).work.startTimer({ taskId: task.id }));

    expect(error.code).toBe("NOT_FOUND");
  });
});

describe("work.editEntry", () => {
  /** Creates an assistant with one finished 10-minute entry, ended 30 minutes before START. */
  async function finishedEntry() {
    clock.set(new Date(new Date(START).getTime() - 40 * MINUTE_MS));
    const assistant = await signedInAssistant();
    const task = await assignedTask(assistant);
    const caller = callerFor(assistant);
    await caller.work.startTimer({ taskId: task.id });
    clock.advance(10 * MINUTE_MS);
    const { stopped } = await caller.work.stopTimer();
    clock.set(START);
    if (!stopped) {
      throw new Error("the timer did not stop");
    }

    return { assistant, task, entryId: stopped.entryId };
  }

  it("names startedAt without an offset", async () => {
    const { assistant, entryId } = await finishedEntry();

    const response = await postMutation(contextFor(assistant), "work.editEntry", { entryId, startedAt: "2027-01-12T18:15:00", reason: "Started earlier" });

    expect(response.ok).toBe(false);
    if (response.ok) {
      return;
    }
    expect(response.status).toBe(400);
    expect(Object.keys(response.fieldErrors ?? {})).toEqual(["startedAt"]);
    expect(response.fieldErrors?.startedAt).toMatch(/offset/);
  });

  it("saves an offset instant with its correction", async () => {
    const { assistant, task, entryId } = await finishedEntry();
    const caller = callerFor(assistant);

    await caller.work.editEntry({ entryId, startedAt: "2027-01-12T18:15:00+00:00", reason: "Started earlier" });
    const after = await caller.work.task({ taskId: task.id });
    const entry = after.timeEntries.find((candidate) => candidate.id === entryId);

    expect(entry?.startedAt.toISOString()).toBe("2027-01-12T18:15:00.000Z");
    expect(entry?.seconds).toBe(15 * 60);
    expect(entry?.corrections).toHaveLength(1);
    expect(entry?.corrections[0]?.reason).toBe("Started earlier");
    expect(entry?.corrections[0]?.oldStartedAt?.toISOString()).toBe("2027-01-12T18:20:00.000Z");
    expect(entry?.corrections[0]?.actor.name).toBe(assistant.name);
  });

  it("names a reason that is too short", async () => {
    const { assistant, entryId } = await finishedEntry();

    const response = await postMutation(contextFor(assistant), "work.editEntry", { entryId, endedAt: "2027-01-12T18:31:00Z", reason: "x" });

    expect(response.ok).toBe(false);
    expect(response.ok ? null : response.fieldErrors?.reason).toMatch(/at least 3 characters/);
  });
});

describe("assistant.overview", () => {
  it("sends serverNow and standing notes", async () => {
    const assistant = await signedInAssistant();
    const client = await createClient(database.prisma, { standingNotes: "Never email before 9 am." });
    const task = await createTask(database.prisma, { clientId: client.id, status: "routing" });
    await createOffer(database.prisma, { taskId: task.id, assistantId: assistant.assistantId ?? "", createdAt: clock.now(), expiresAt: new Date(clock.now().getTime() + 15 * MINUTE_MS) });

    const overview = await callerFor(assistant).assistant.overview();

    expect(overview.serverNow.toISOString()).toBe(START);
    expect(overview.offers).toHaveLength(1);
    expect(overview.offers[0]?.task.standingNotes).toBe("Never email before 9 am.");
    expect(overview.offers[0]?.secondsLeft).toBe(15 * 60);
  });
});

describe("assistant.history", () => {
  /** Creates a task the assistant completed, with one delivery sent back for changes and then one approved with the given review. */
  async function completedTask(assistant: SessionUser, review: { rating: number | null; comment: string | null }) {
    const assistantId = assistant.assistantId ?? "";
    const task = await createTask(database.prisma, { status: "completed", completedAt: clock.now(), title: "Plan the team offsite" });
    await createAssignment(database.prisma, { taskId: task.id, assistantId, endedAt: clock.now(), endReason: "completed" });
    await database.prisma.timeEntry.create({
      data: { taskId: task.id, clientId: task.clientId, assistantId, startedAt: new Date("2027-01-11T09:00:00Z"), endedAt: new Date("2027-01-11T09:40:00Z"), seconds: 2400 },
    });
    const first = await database.prisma.delivery.create({ data: { taskId: task.id, assistantId, note: "First draft", links: [], timeLogConfirmed: true, createdAt: new Date("2027-01-11T10:00:00Z") } });
    await database.prisma.review.create({ data: { taskId: task.id, deliveryId: first.id, decision: "changes_requested", comment: "Add a vegetarian option.", createdAt: new Date("2027-01-11T12:00:00Z") } });
    const second = await database.prisma.delivery.create({ data: { taskId: task.id, assistantId, note: "Final plan", links: [], timeLogConfirmed: true, createdAt: new Date("2027-01-12T10:00:00Z") } });
    await database.prisma.review.create({ data: { taskId: task.id, deliveryId: second.id, decision: "approved", ...review, createdAt: clock.now() } });

    return task;
  }

  it("lists completed tasks with their reviews", async () => {
    const assistant = await signedInAssistant();
    const task = await completedTask(assistant, { rating: 4, comment: "Thorough and quick." });

    const history = await callerFor(assistant).assistant.history();

    expect(history.completedCount).toBe(1);
    expect(history.tasks.map((row) => row.id)).toEqual([task.id]);
    expect(history.tasks[0]?.loggedSeconds).toBe(2400);
    expect(history.tasks[0]?.reviews.map((review) => review.decision)).toEqual(["changes_requested", "approved"]);
    expect(history.tasks[0]?.reviews[1]?.comment).toBe("Thorough and quick.");
    expect(history.ratingSummary).toEqual({ average: 4, count: 1 });
  });

  it("leaves out other assistants' work", async () => {
    const assistant = await signedInAssistant();
    const other = await signedInAssistant();
    await completedTask(other, { rating: 5, comment: null });

    const history = await callerFor(assistant).assistant.history();

    expect(history.tasks).toEqual([]);
    expect(history.ratingSummary).toEqual({ average: null, count: 0 });
  });
});
