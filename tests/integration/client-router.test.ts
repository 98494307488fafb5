/**
 * The client's task page data and actions through `createCaller`, as real
 * signed-in users against a real database: a brief is sent with
 * `brief.submit`, assistants accept and work through their own routers,
 * and the client reads the result with `client.task`.
 */
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createCaller } from "~/server/api/root";
import type { TimelineEvent } from "~/server/api/routers/client";
import { createContextInner, type Context } from "~/server/api/trpc";
import { loadSessionUser } from "~/server/auth/session-user";
import { ManualClock } from "~/server/clock";
import { applyDueWork } from "~/server/deadlines/due-work";
import { createLocalMailboxTransport } from "~/server/email/transport";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createAssistant, createClient, createSkill, createUser } from "../support/factories";
import { postMutation, type HttpTrpcError } from "../support/http-trpc";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let database: TestDatabase;
const clock = new ManualClock("2027-05-03T09:00:00Z");
const transport = createLocalMailboxTransport();

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.close();
});

async function contextFor(userId: string): Promise<Context> {
  const user = await loadSessionUser(database.prisma, userId);
  if (!user) {
    throw new Error(`User ${userId} is not active`);
  }

  return createContextInner({ db: database.prisma, user, clock });
}

async function callerFor(userId: string) {
  return createCaller(await contextFor(userId));
}

/** Awaits a call that must fail and returns its tRPC error. */
async function rejectionOf(call: Promise<unknown>): Promise<TRPCError> {
  const error: unknown = await call.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof TRPCError)) {
    throw new Error(`Expected a TRPCError, got: ${String(error)}`);
  }

  return error;
}

/**
 * Creates a trial client and assistants who share a skill no other test
 * uses, so every test routes its brief only to its own assistants. Each
 * test starts a day after the previous one.
 */
async function scenario(options: { assistantNames: string[]; trialMinutes?: number }) {
  clock.advance(DAY);
  const skill = await createSkill(database.prisma);
  const clientUser = await createUser(database.prisma, { role: "client", name: "Ada Client" });
  const client = await createClient(database.prisma, { userId: clientUser.id, trialStartedAt: clock.now(), trialSeconds: (options.trialMinutes ?? 60) * 60 });
  const assistants = [];
  for (const name of options.assistantNames) {
    const user = await createUser(database.prisma, { role: "assistant", name });
    const profile = await createAssistant(database.prisma, { userId: user.id, skills: { create: [{ skillId: skill.id }] } });
    assistants.push({ name, userId: user.id, assistantId: profile.id, caller: await callerFor(user.id) });
  }

  return { skill, clientUser, client, assistants, clientCaller: await callerFor(clientUser.id) };
}

type Scenario = Awaited<ReturnType<typeof scenario>>;

/** Returns the error of a mutation sent through the HTTP handler, failing the test when it succeeded. */
function rejectedOver(result: Awaited<ReturnType<typeof postMutation>>): HttpTrpcError {
  if (result.ok) {
    throw new Error(`Expected the mutation to be rejected, got: ${JSON.stringify(result.data)}`);
  }

  return result;
}

async function sendBrief(setup: Scenario, extra: { timeLimitMinutes?: number; skills?: string[] } = {}): Promise<string> {
  const result = await setup.clientCaller.brief.submit({
    title: "Compare three venues",
    description: "Find three venues for 20 people with a projector, and compare their prices.",
    skills: extra.skills ?? [setup.skill.slug],
    timeLimitMinutes: extra.timeLimitMinutes ?? null,
  });

  return result.taskId;
}

/** Accepts the task's offer as the first assistant, then starts the timer a few minutes later. */
async function acceptAndStart(setup: Scenario, taskId: string) {
  const worker = setup.assistants[0];
  if (!worker) {
    throw new Error("The scenario has no assistant");
  }
  const offer = await database.prisma.offer.findFirstOrThrow({ where: { taskId, assistantId: worker.assistantId }, select: { id: true } });
  clock.advance(2 * MINUTE);
  await worker.caller.offer.accept({ offerId: offer.id });
  clock.advance(3 * MINUTE);
  await worker.caller.work.startTimer({ taskId });

  return worker;
}

function kinds(events: TimelineEvent[]): string[] {
  return events.map((event) => event.kind);
}

describe("client.task timeline", () => {
  it("lists offered, accepted and submitted in order", async () => {
    const setup = await scenario({ assistantNames: ["Vera Novak", "Ben Hartley"] });
    const sentAt = clock.now();
    const taskId = await sendBrief(setup);
    const worker = await acceptAndStart(setup, taskId);
    clock.advance(20 * MINUTE);
    await worker.caller.work.submit({ taskId, note: "Three venues compared in the sheet.", links: ["https://docs.example/venues"], timeLogConfirmed: true });

    const task = await setup.clientCaller.client.task({ id: taskId });

    expect(kinds(task.timeline)).toEqual(["brief_sent", "offered", "accepted", "started", "submitted"]);
    expect(task.timeline[0]?.at).toEqual(sentAt);
    expect(task.timeline[1]).toMatchObject({ kind: "offered", wave: 1, assistantCount: 2 });
    expect(task.timeline[2]).toMatchObject({ kind: "accepted", assistantName: "Vera Novak", at: new Date(sentAt.getTime() + 2 * MINUTE) });
    expect(task.timeline[4]).toMatchObject({ kind: "submitted", assistantName: "Vera Novak", at: clock.now() });
    expect(task.status).toBe("in_review");
    expect(task.assistantName).toBe("Vera Novak");
    expect(task.usedSeconds).toBe(20 * 60);
    expect(task.balance).toEqual({ onTrial: true, remainingSeconds: 40 * 60 });
    expect(task.deliveries.at(-1)?.links).toEqual(["https://docs.example/venues"]);
  });

  it("ends with the approval and its rating", async () => {
    const setup = await scenario({ assistantNames: ["Owen Price"] });
    const taskId = await sendBrief(setup);
    const worker = await acceptAndStart(setup, taskId);
    clock.advance(10 * MINUTE);
    await worker.caller.work.submit({ taskId, note: "Venues are in the sheet.", links: [], timeLogConfirmed: true });
    clock.advance(MINUTE);

    await setup.clientCaller.review.approve({ taskId, rating: 5, comment: "Exactly what I needed." });
    const task = await setup.clientCaller.client.task({ id: taskId });

    expect(task.status).toBe("completed");
    expect(task.timeline.at(-1)).toEqual({ kind: "review", at: clock.now(), decision: "approved", automatic: false, rating: 5 });
  });

  it("says still looking when nobody can take the brief", async () => {
    const setup = await scenario({ assistantNames: [] });
    const taskId = await sendBrief(setup);

    const task = await setup.clientCaller.client.task({ id: taskId });

    expect(task.status).toBe("unrouted");
    expect(kinds(task.timeline)).toEqual(["brief_sent", "still_looking"]);
  });

  it("says still looking once every offer has expired", async () => {
    const setup = await scenario({ assistantNames: ["Femi Adeyemi"] });
    const taskId = await sendBrief(setup);
    clock.advance(16 * MINUTE);
    await applyDueWork({ db: database.prisma, now: clock.now(), transport });

    const task = await setup.clientCaller.client.task({ id: taskId });

    expect(kinds(task.timeline)).toEqual(["brief_sent", "offered", "still_looking"]);
    expect(task.timeline.at(-1)?.at.getTime()).toBeGreaterThan(task.timeline[1]?.at.getTime() ?? Infinity);
  });

  it("records the time limit, the handoff and the added time", async () => {
    const setup = await scenario({ assistantNames: ["Priya Raman"] });
    const taskId = await sendBrief(setup, { timeLimitMinutes: 10 });
    const worker = await acceptAndStart(setup, taskId);
    const limitReachedAt = new Date(clock.now().getTime() + 10 * MINUTE);
    clock.advance(12 * MINUTE);
    await applyDueWork({ db: database.prisma, now: clock.now(), transport });
    await worker.caller.work.sendHandoff({ taskId, achieved: "Two of the three venues are compared.", extraMinutesNeeded: 15 });

    const outOfTime = await setup.clientCaller.client.task({ id: taskId });

    expect(outOfTime.status).toBe("out_of_time");
    expect(kinds(outOfTime.timeline)).toEqual(["brief_sent", "offered", "accepted", "started", "out_of_time", "handoff"]);
    expect(outOfTime.timeline[4]).toEqual({ kind: "out_of_time", at: limitReachedAt, cause: "task_limit" });
    expect(outOfTime.timeline[5]).toMatchObject({ kind: "handoff", assistantName: "Priya Raman", extraMinutesNeeded: 15 });
    expect(outOfTime.handoffs.at(-1)?.resolvedAt).toBeNull();

    clock.advance(MINUTE);
    const approved = await setup.clientCaller.review.approveExtraMinutes({ taskId, minutes: 15 });
    const resumed = await setup.clientCaller.client.task({ id: taskId });

    expect(approved.resumed).toBe(true);
    expect(resumed.status).toBe("in_progress");
    expect(resumed.timeline.at(-1)).toEqual({ kind: "time_added", at: clock.now() });
    expect(resumed.timeLimitSeconds).toBe(25 * 60);
  });

  it("shows the used-up balance as the cause", async () => {
    const setup = await scenario({ assistantNames: ["Keiko Sato"], trialMinutes: 15 });
    const taskId = await sendBrief(setup);
    await acceptAndStart(setup, taskId);
    clock.advance(20 * MINUTE);
    await applyDueWork({ db: database.prisma, now: clock.now(), transport });

    const task = await setup.clientCaller.client.task({ id: taskId });

    expect(task.timeline.at(-1)).toMatchObject({ kind: "out_of_time", cause: "balance" });
    expect(task.balance.remainingSeconds).toBe(0);
    expect(task.usedSeconds).toBe(15 * 60);
  });
});

describe("client.task time log", () => {
  it("lists entries and their corrections", async () => {
    const setup = await scenario({ assistantNames: ["Hugo Laurent"] });
    const taskId = await sendBrief(setup);
    const worker = await acceptAndStart(setup, taskId);
    const startedAt = clock.now();
    clock.advance(30 * MINUTE);
    await worker.caller.work.stopTimer();
    const entry = await database.prisma.timeEntry.findFirstOrThrow({ where: { taskId }, select: { id: true } });
    const correctedEnd = new Date(startedAt.getTime() + 25 * MINUTE);
    clock.advance(MINUTE);
    await worker.caller.work.editEntry({ entryId: entry.id, endedAt: correctedEnd.toISOString(), reason: "Took a call in the last five minutes." });

    const task = await setup.clientCaller.client.task({ id: taskId });
    const [logged] = task.timeLog;

    expect(task.timeLog).toHaveLength(1);
    expect(logged).toMatchObject({ startedAt, endedAt: correctedEnd, seconds: 25 * 60, assistantName: "Hugo Laurent", source: "timer" });
    expect(logged?.corrections).toEqual([
      expect.objectContaining({
        actorName: "Hugo Laurent",
        actorRole: "assistant",
        createdAt: clock.now(),
        reason: "Took a call in the last five minutes.",
        oldStartedAt: startedAt,
        oldEndedAt: new Date(startedAt.getTime() + 30 * MINUTE),
        newStartedAt: startedAt,
        newEndedAt: correctedEnd,
      }),
    ]);
    expect(task.usedSeconds).toBe(25 * 60);
  });

  it("counts a running timer up to the clock", async () => {
    const setup = await scenario({ assistantNames: ["Isla Murray"] });
    const taskId = await sendBrief(setup);
    await acceptAndStart(setup, taskId);
    const startedAt = clock.now();
    clock.advance(7 * MINUTE);

    const task = await setup.clientCaller.client.task({ id: taskId });

    expect(task.runningSince).toEqual(startedAt);
    expect(task.usedSeconds).toBe(7 * 60);
    expect(task.timeLog[0]?.endedAt).toBeNull();
  });
});

describe("client.task access", () => {
  it("reports another client's task as not found", async () => {
    const owner = await scenario({ assistantNames: ["Tara Nolan"] });
    const taskId = await sendBrief(owner);
    const stranger = await scenario({ assistantNames: [] });

    const error = await rejectionOf(stranger.clientCaller.client.task({ id: taskId }));

    expect(error.code).toBe("NOT_FOUND");
  });

  it("rejects an assistant with FORBIDDEN", async () => {
    const setup = await scenario({ assistantNames: ["Dev Patel"] });
    const taskId = await sendBrief(setup);

    const [assistant] = setup.assistants;
    if (!assistant) {
      throw new Error("The scenario has no assistant");
    }

    const error = await rejectionOf(assistant.caller.client.task({ id: taskId }));

    expect(error.code).toBe("FORBIDDEN");
  });
});

describe("review actions", () => {
  it("rejects approving a task not in review", async () => {
    const setup = await scenario({ assistantNames: ["Will Chen"] });
    const taskId = await sendBrief(setup);
    await acceptAndStart(setup, taskId);

    const error = await rejectionOf(setup.clientCaller.review.approve({ taskId, rating: 4 }));

    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toBe("This task is not waiting for a review.");
  });

  it("puts a bad rating on the rating field", async () => {
    const setup = await scenario({ assistantNames: [] });
    const taskId = await sendBrief(setup);

    const error = rejectedOver(await postMutation(await contextFor(setup.clientUser.id), "review.approve", { taskId, rating: 6 }));

    expect(error.fieldErrors).toEqual({ rating: "Rating must be from 1 to 5." });
  });

  it("explains extra minutes beyond the balance", async () => {
    const setup = await scenario({ assistantNames: ["Zoe Brandt"], trialMinutes: 15 });
    const taskId = await sendBrief(setup);
    await acceptAndStart(setup, taskId);
    clock.advance(20 * MINUTE);
    await applyDueWork({ db: database.prisma, now: clock.now(), transport });

    const error = await rejectionOf(setup.clientCaller.review.approveExtraMinutes({ taskId, minutes: 10 }));

    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toBe("You have 0 minutes left, fewer than the 10 requested. Buy a top-up or upgrade first.");
  });
});

describe("standing notes", () => {
  it("saves and returns the notes", async () => {
    const setup = await scenario({ assistantNames: [] });

    await setup.clientCaller.brief.saveNotes({ standingNotes: "  Use British spelling. Never call before 10:00.  " });

    expect(await setup.clientCaller.brief.notes()).toBe("Use British spelling. Never call before 10:00.");
  });

  it("accepts exactly 5,000 characters", async () => {
    const setup = await scenario({ assistantNames: [] });

    const result = await postMutation(await contextFor(setup.clientUser.id), "brief.saveNotes", { standingNotes: "a".repeat(5000) });

    expect(result.ok).toBe(true);
  });

  it("rejects 5,001 characters on the field", async () => {
    const setup = await scenario({ assistantNames: [] });
    await setup.clientCaller.brief.saveNotes({ standingNotes: "Keep this." });

    const error = rejectedOver(await postMutation(await contextFor(setup.clientUser.id), "brief.saveNotes", { standingNotes: "a".repeat(5001) }));

    expect(error.status).toBe(400);
    expect(error.fieldErrors).toEqual({ standingNotes: "Standing notes must be at most 5,000 characters." });
    expect(await setup.clientCaller.brief.notes()).toBe("Keep this.");
  });
});
