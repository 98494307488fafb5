/**
 * An admin's offer by hand and reassignment through `createCaller`: the
 * emails and notifications they write, and the deadlines that follow, on a
 * manual clock. `sendEvents` does nothing without Inngest, so the Inngest
 * functions run here on the events that the dispatch helpers build from
 * each procedure's result, the same way the router builds them.
 */
import { InngestTestEngine } from "@inngest/test";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { loadSessionUser, type SessionUser } from "~/server/auth/session-user";
import { submitBrief } from "~/server/briefs/submit-brief";
import { ManualClock } from "~/server/clock";
import { applyDueWork } from "~/server/deadlines/due-work";
import { createLocalMailboxTransport } from "~/server/email/transport";
import { acceptedEvents, offerEvents } from "~/server/jobs/dispatch";
import { createFunctions } from "~/server/jobs/functions";
import { acceptOffer } from "~/server/offers/accept-offer";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createAssistant, createClient, createSkill, createUser } from "../support/factories";

const MINUTE = 60_000;
const clock = new ManualClock("2027-09-06T10:00:00Z");
const transport = createLocalMailboxTransport();

let database: TestDatabase;
let admin: SessionUser;

beforeAll(async () => {
  database = await createTestDatabase();
  admin = await sessionUserOf((await createUser(database.prisma, { role: "admin", name: "Ada Admin" })).id);
  // One assistant a wave, so each routed offer goes to the one assistant a test expects.
  await database.prisma.setting.create({ data: { key: "offerWaveSize", value: 1, updatedAt: clock.now() } });
});

afterAll(async () => {
  await database.close();
});

async function sessionUserOf(userId: string): Promise<SessionUser> {
  const user = await loadSessionUser(database.prisma, userId);
  if (!user) {
    throw new Error(`user ${userId} is not active`);
  }

  return user;
}

function adminCaller() {
  return createCaller(createContextInner({ db: database.prisma, user: admin, clock }));
}

async function callerAs(userId: string) {
  return createCaller(createContextInner({ db: database.prisma, user: await sessionUserOf(userId), clock }));
}

/** Creates an assistant with a named user, holding the given skills. */
async function assistantWith(name: string, skillIds: string[]) {
  const user = await createUser(database.prisma, { role: "assistant", name });
  const profile = await createAssistant(database.prisma, { userId: user.id, timeZone: "Europe/Berlin", skills: { create: skillIds.map((skillId) => ({ skillId })) } });

  return { ...profile, user };
}

/** Submits a trial client's brief that needs one new skill, so routing only reaches assistants created with that skill. */
async function briefNeeding(skillSlug: string) {
  const client = await createClient(database.prisma, { trialStartedAt: clock.now() });
  const { taskId, routing } = await submitBrief(database.prisma, {
    clientId: client.id,
    brief: { title: "Sort the receipts", description: "Match each receipt to a bank line.", skills: [skillSlug] },
    now: clock.now(),
  });

  return { client, taskId, routing };
}

function outboxRow(eventKey: string) {
  return database.prisma.emailOutbox.findUnique({ where: { eventKey } });
}

function inngestFunctions() {
  return createFunctions({ getDb: () => Promise.resolve(database.prisma), clock, transport: () => transport });
}

type PlainEvent = { name: string; data: Record<string, unknown> };

/** Turns outgoing events into the plain names and data the test engine takes, which must be at least one. */
function asTestEvents(events: Array<{ name: string; data: unknown }>): [PlainEvent, ...PlainEvent[]] {
  const [first, ...rest] = events.map((event) => ({ name: event.name, data: event.data as Record<string, unknown> }));
  if (!first) {
    throw new Error("Expected at least one event, got none.");
  }

  return [first, ...rest];
}

describe("adminOps.offerByHand", () => {
  it("emails and notifies the assistant", async () => {
    clock.advance(60 * MINUTE);
    const skill = await createSkill(database.prisma, { name: "Receipt matching" });
    const { taskId, routing } = await briefNeeding(skill.slug);
    const chosen = await assistantWith("Hana Chosen", []);
    expect(routing.kind).toBe("unrouted");

    const result = await adminCaller().adminOps.offerByHand({ taskId, assistantId: chosen.id, reason: "Has done this for the client before" });

    expect(result.expiresAt.toISOString()).toBe(new Date(clock.now().getTime() + 15 * MINUTE).toISOString());
    const email = await outboxRow(`offer-available:${taskId}:${chosen.id}`);
    expect(email?.template).toBe("offer-available");
    expect(email?.toEmail).toBe(chosen.user.email);
    expect(email?.payload).toMatchObject({ taskTitle: "Sort the receipts", skills: ["Receipt matching"], clientPlan: "trial", chosenByAdmin: true, timeZone: "Europe/Berlin", expiresAt: result.expiresAt.toISOString() });
    const notification = await database.prisma.notification.findFirst({ where: { userId: chosen.user.id, kind: "offer_available" } });
    expect(notification?.body).toBe("Trial client: Sort the receipts");
    expect(notification?.link).toBe("/assistant");
    const overview = await (await callerAs(chosen.user.id)).assistant.overview();
    expect(overview.offers.map((offer) => offer.id)).toEqual([result.offerId]);
  });

  it("expires on schedule like a routed wave", async () => {
    clock.advance(60 * MINUTE);
    const skill = await createSkill(database.prisma);
    const { taskId, client } = await briefNeeding(skill.slug);
    const chosen = await assistantWith("Ivo Chosen", []);
    const result = await adminCaller().adminOps.offerByHand({ taskId, assistantId: chosen.id, reason: "Only one free this week" });
    const engine = new InngestTestEngine({
      function: inngestFunctions().expireOfferWave,
      events: asTestEvents(offerEvents(taskId, result)),
      steps: [
        { id: "wait-for-offer-expiry", handler: () => clock.set(result.expiresAt) },
        { id: "deliver-queued-emails", handler: () => ({ ids: ["event"] }) },
      ],
    });

    const { ctx } = await engine.execute();

    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-for-offer-expiry", result.expiresAt);
    const offer = await database.prisma.offer.findUniqueOrThrow({ where: { id: result.offerId } });
    expect(offer.status).toBe("expired");
    expect((await database.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).status).toBe("unrouted");
    expect(await database.prisma.notification.count({ where: { userId: client.userId, kind: "still_looking" } })).toBe(2);
  });
});

/** Creates a task that routing offered to `first`, who accepted it, and a second assistant without the skill to reassign it to. */
async function acceptedTask() {
  clock.advance(60 * MINUTE);
  const skill = await createSkill(database.prisma, { name: "Ledger cleanup" });
  const first = await assistantWith("Fern First", [skill.id]);
  const { taskId, client } = await briefNeeding(skill.slug);
  const offer = await database.prisma.offer.findFirstOrThrow({ where: { taskId, assistantId: first.id } });
  const accepted = await acceptOffer(database.prisma, { offerId: offer.id, assistantId: first.id, now: clock.now() });
  const second = await assistantWith("Gus Second", []);

  return { skill, first, second, client, taskId, firstAssignmentId: accepted.assignmentId };
}

describe("adminOps.reassign", () => {
  it("emails both assistants and notifies the client", async () => {
    const { first, second, client, taskId, firstAssignmentId } = await acceptedTask();

    const result = await adminCaller().adminOps.reassign({ taskId, toAssistantId: second.id, expectedAssignmentId: firstAssignmentId, reason: "Client asked for Gus by name" });

    expect(result.startBy.toISOString()).toBe(new Date(clock.now().getTime() + 15 * MINUTE).toISOString());
    const away = await outboxRow(`reassigned-away:${firstAssignmentId}`);
    expect(away?.template).toBe("task-reassigned");
    expect(away?.toEmail).toBe(first.user.email);
    const assigned = await outboxRow(`assigned-by-admin:${result.assignmentId}`);
    expect(assigned?.template).toBe("task-assigned");
    expect(assigned?.toEmail).toBe(second.user.email);
    expect(assigned?.payload).toMatchObject({ taskTitle: "Sort the receipts", startBy: result.startBy.toISOString(), timeZone: "Europe/Berlin" });
    const firstNotice = await database.prisma.notification.findFirstOrThrow({ where: { userId: first.user.id, kind: "task_reassigned" } });
    expect(firstNotice.body).not.toContain("Gus by name");
    expect(await database.prisma.notification.count({ where: { userId: second.user.id, kind: "task_assigned" } })).toBe(1);
    const clientNotice = await database.prisma.notification.findFirstOrThrow({ where: { userId: client.userId, eventKey: `task-reassigned:${result.assignmentId}` } });
    expect(clientNotice.body).toBe("Gus Second is now working on “Sort the receipts”.");
  });

  it("rejects the assistant who has it", async () => {
    const { first, taskId, firstAssignmentId } = await acceptedTask();

    const error = await adminCaller()
      .adminOps.reassign({ taskId, toAssistantId: first.id, expectedAssignmentId: firstAssignmentId, reason: "Restart the window" })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect(await database.prisma.assignment.count({ where: { taskId } })).toBe(1);
  });

  it("lapses the new start window", async () => {
    const { skill, second, taskId, firstAssignmentId } = await acceptedTask();
    const result = await adminCaller().adminOps.reassign({ taskId, toAssistantId: second.id, expectedAssignmentId: firstAssignmentId, reason: "Fern is ill today" });
    const third = await assistantWith("Hal Third", [skill.id]);

    clock.advance(7.5 * MINUTE);
    await applyDueWork({ db: database.prisma, now: clock.now(), transport });
    const reminder = await outboxRow(`start-reminder:${result.assignmentId}`);
    clock.advance(7.5 * MINUTE);
    await applyDueWork({ db: database.prisma, now: clock.now(), transport });

    expect(reminder?.toEmail).toBe(second.user.email);
    const assignment = await database.prisma.assignment.findUniqueOrThrow({ where: { id: result.assignmentId } });
    expect(assignment.endReason).toBe("lapsed");
    expect(assignment.endedAt?.toISOString()).toBe(result.startBy.toISOString());
    expect(await database.prisma.lapse.count({ where: { assistantId: second.id, taskId } })).toBe(1);
    expect((await outboxRow(`reallocated:${result.assignmentId}`))?.toEmail).toBe(second.user.email);
    expect(await database.prisma.offer.count({ where: { taskId, assistantId: third.id, status: "pending" } })).toBe(1);
  });

  it("schedules the start window like an acceptance", async () => {
    const { second, taskId, firstAssignmentId } = await acceptedTask();
    const result = await adminCaller().adminOps.reassign({ taskId, toAssistantId: second.id, expectedAssignmentId: firstAssignmentId, reason: "Fern is away" });
    const engine = new InngestTestEngine({
      function: inngestFunctions().watchStartWindow,
      events: asTestEvents(acceptedEvents(result)),
      steps: [
        { id: "wait-for-start-reminder", handler: () => clock.set(result.startReminderAt) },
        { id: "wait-for-start-deadline", handler: () => clock.set(result.startBy) },
        { id: "deliver-queued-emails", handler: () => ({ ids: ["event"] }) },
      ],
    });

    const { result: outcome, ctx } = await engine.execute();

    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-for-start-deadline", result.startBy);
    expect(outcome).toEqual({ reminded: 1, reallocated: true });
    expect(await database.prisma.lapse.count({ where: { assistantId: second.id, taskId } })).toBe(1);
  });
});
