import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { reallocateIfLapsed } from "~/server/assignments/start-window";
import { loadSessionUser } from "~/server/auth/session-user";
import { submitBrief } from "~/server/briefs/submit-brief";
import { ManualClock } from "~/server/clock";
import { applyDueWork } from "~/server/deadlines/due-work";
import { createLocalMailboxTransport } from "~/server/email/transport";
import { acceptOffer } from "~/server/offers/accept-offer";
import { startTimer } from "~/server/timer/timer";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createAssistant, createClient, createSkill, createUser } from "../support/factories";

let database: TestDatabase;
const clock = new ManualClock("2027-06-01T14:00:00Z");
const transport = createLocalMailboxTransport();
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
let skillSlug = "";

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.close();
});

beforeEach(async () => {
  clock.set("2027-06-01T14:00:00Z");
  const db = database.prisma;
  for (const table of ["notification", "emailOutbox", "timeEntry", "lapse", "assignment", "offer", "task", "block", "assistantSkill", "assistantProfile", "clientAccount", "skill", "auditEvent", "user"] as const) {
    await (db[table] as { deleteMany: () => Promise<unknown> }).deleteMany();
  }
  skillSlug = "research";
  await createSkill(db, { slug: skillSlug, name: "Research" });
  await db.setting.upsert({ where: { key: "offerWaveSize" }, create: { key: "offerWaveSize", value: 1, updatedAt: clock.now() }, update: { value: 1 } });
});

async function assistant(name: string) {
  const skill = await database.prisma.skill.findUniqueOrThrow({ where: { slug: skillSlug } });
  const user = await createUser(database.prisma, { role: "assistant", name });

  return createAssistant(database.prisma, { userId: user.id, skills: { create: [{ skillId: skill.id }] } });
}

async function briefAcceptedBy(assistantId: string) {
  const client = await createClient(database.prisma, { trialStartedAt: clock.now() });
  const { taskId } = await submitBrief(database.prisma, { clientId: client.id, brief: { title: "Find suppliers", description: "Three wholesale suppliers, please.", skills: [skillSlug] }, now: clock.now() });
  const offer = await database.prisma.offer.findFirstOrThrow({ where: { taskId, assistantId } });
  const accepted = await acceptOffer(database.prisma, { offerId: offer.id, assistantId, now: clock.now() });

  return { taskId, assignmentId: accepted.assignmentId };
}

const pass = () => applyDueWork({ db: database.prisma, now: clock.now(), transport });

/** Reads the lapse standing that the assistant's own dashboard shows. */
async function dashboardStanding(userId: string) {
  const user = await loadSessionUser(database.prisma, userId);
  if (!user) {
    throw new Error(`user ${userId} is not active`);
  }
  const overview = await createCaller(createContextInner({ db: database.prisma, user, clock })).assistant.overview();

  return overview.lapseStanding;
}

function reminders(assignmentId: string) {
  return database.prisma.notification.count({ where: { eventKey: `start-reminder:${assignmentId}` } });
}

describe("start window", () => {
  it("reminds once at half the window", async () => {
    const first = await assistant("First");
    const { assignmentId } = await briefAcceptedBy(first.id);

    clock.advance(7.5 * MINUTE - 1);
    await pass();
    expect(await reminders(assignmentId)).toBe(0);

    clock.advance(1);
    await pass();
    await pass();
    expect(await reminders(assignmentId)).toBe(1);
  });

  it("reallocates at 15 minutes with a lapse", async () => {
    const first = await assistant("First");
    const second = await assistant("Second");
    const { taskId, assignmentId } = await briefAcceptedBy(first.id);

    clock.advance(15 * MINUTE);
    await pass();

    const assignment = await database.prisma.assignment.findUniqueOrThrow({ where: { id: assignmentId } });
    expect(assignment.endReason).toBe("lapsed");
    expect(await database.prisma.lapse.count({ where: { assistantId: first.id } })).toBe(1);
    const task = await database.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(task.reallocationCount).toBe(1);
    expect(await database.prisma.offer.count({ where: { taskId, assistantId: second.id, status: "pending" } })).toBe(1);
    expect(await database.prisma.notification.count({ where: { kind: "reallocated" } })).toBe(1);
  });

  it("restarts the window while the client has no time", async () => {
    const first = await assistant("First");
    const { taskId, assignmentId } = await briefAcceptedBy(first.id);
    const { clientId } = await database.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    await database.prisma.clientAccount.update({ where: { id: clientId }, data: { trialSeconds: 0 } });

    clock.advance(15 * MINUTE);
    await pass();

    const paused = await database.prisma.assignment.findUniqueOrThrow({ where: { id: assignmentId } });
    expect(paused.endedAt).toBeNull();
    expect(paused.startBy).toEqual(new Date(clock.now().getTime() + 15 * MINUTE));
    expect(await database.prisma.lapse.count({ where: { assistantId: first.id } })).toBe(0);

    await database.prisma.clientAccount.update({ where: { id: clientId }, data: { trialSeconds: 3600 } });
    clock.advance(15 * MINUTE);
    await pass();

    const lapsed = await database.prisma.assignment.findUniqueOrThrow({ where: { id: assignmentId } });
    expect(lapsed.endReason).toBe("lapsed");
    expect(await database.prisma.lapse.count({ where: { assistantId: first.id } })).toBe(1);
  });

  it("keeps the task when the timer starts 1 ms before the deadline", async () => {
    const first = await assistant("First");
    await assistant("Second");
    const { taskId, assignmentId } = await briefAcceptedBy(first.id);

    clock.advance(15 * MINUTE - 1);
    await startTimer(database.prisma, { assistantId: first.id, taskId, now: clock.now() });
    clock.advance(1);
    await pass();

    expect((await database.prisma.assignment.findUniqueOrThrow({ where: { id: assignmentId } })).endedAt).toBeNull();
  });

  it("never reallocates a start 0.4 s after accepting, whatever the order", async () => {
    const first = await assistant("First");
    const { taskId, assignmentId } = await briefAcceptedBy(first.id);
    clock.advance(400);
    await startTimer(database.prisma, { assistantId: first.id, taskId, now: clock.now() });

    // A late reallocation request for an instant after the deadline re-reads the database first.
    expect(await reallocateIfLapsed(database.prisma, assignmentId, new Date(clock.now().getTime() + 20 * MINUTE))).toBe(false);
    clock.advance(30 * MINUTE);
    await pass();

    expect((await database.prisma.assignment.findUniqueOrThrow({ where: { id: assignmentId } })).endedAt).toBeNull();
  });

  it("refuses a start after the window ended", async () => {
    const first = await assistant("First");
    const { taskId } = await briefAcceptedBy(first.id);

    clock.advance(15 * MINUTE);
    const error = await startTimer(database.prisma, { assistantId: first.id, taskId, now: clock.now() }).catch((caught: unknown) => caught);

    expect((error as Error).message).toMatch(/start window ended/);
  });
});

describe("blocking", () => {
  it("blocks on the second lapse within 30 days", async () => {
    const first = await assistant("First");
    await briefAcceptedBy(first.id);
    clock.advance(15 * MINUTE);
    await pass();

    clock.advance(10 * DAY);
    await briefAcceptedBy(first.id);
    clock.advance(15 * MINUTE);
    await pass();

    const blocks = await database.prisma.block.findMany({ where: { assistantId: first.id } });
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.endsAt.getTime()).toBe(clock.now().getTime() + 7 * DAY);
  });

  it("does not block when the first lapse is 31 days old", async () => {
    const first = await assistant("First");
    await briefAcceptedBy(first.id);
    clock.advance(15 * MINUTE);
    await pass();

    clock.advance(31 * DAY);
    await briefAcceptedBy(first.id);
    clock.advance(15 * MINUTE);
    await pass();

    expect(await database.prisma.block.count({ where: { assistantId: first.id } })).toBe(0);
  });

  it("withdraws pending offers and keeps the assistant out until the block ends", async () => {
    const first = await assistant("First");
    await briefAcceptedBy(first.id);
    clock.advance(15 * MINUTE);
    await pass();
    await briefAcceptedBy(first.id);
    clock.advance(10 * MINUTE);
    const client = await createClient(database.prisma, { trialStartedAt: clock.now() });
    const pending = await submitBrief(database.prisma, { clientId: client.id, brief: { title: "Pending offer", description: "Waiting for an answer.", skills: [skillSlug] }, now: clock.now() });
    expect(await database.prisma.offer.count({ where: { taskId: pending.taskId, assistantId: first.id, status: "pending" } })).toBe(1);

    clock.advance(5 * MINUTE);
    await pass();

    const withdrawn = await database.prisma.offer.findFirstOrThrow({ where: { taskId: pending.taskId, assistantId: first.id } });
    expect(withdrawn.status).toBe("withdrawn");
    expect(withdrawn.endReason).toBe("assistant_blocked");
    const during = await submitBrief(database.prisma, { clientId: client.id, brief: { title: "During block", description: "Should not reach them.", skills: [skillSlug] }, now: clock.now() });
    expect(during.routing.kind).toBe("unrouted");

    clock.advance(7 * DAY);
    await pass();

    expect(await database.prisma.offer.count({ where: { taskId: during.taskId, assistantId: first.id, status: "pending" } })).toBe(1);
  });
});

describe("assistant.overview lapse standing", () => {
  it("lists the lapsed task", async () => {
    const first = await assistant("First");
    const { assignmentId } = await briefAcceptedBy(first.id);
    const { startBy } = await database.prisma.assignment.findUniqueOrThrow({ where: { id: assignmentId } });

    clock.advance(15 * MINUTE);
    await pass();
    const standing = await dashboardStanding(first.userId);

    expect(standing.lapses.map((lapse) => lapse.taskTitle)).toEqual(["Find suppliers"]);
    expect(standing.lapses[0]?.occurredAt.toISOString()).toBe(startBy.toISOString());
    expect(standing.blockedUntil).toBeNull();
    expect(standing.lapsesToBlock).toBe(2);
    expect(standing.windowDays).toBe(30);
    expect(standing.blockDays).toBe(7);
  });

  it("shows the block after two lapses", async () => {
    const first = await assistant("First");
    await briefAcceptedBy(first.id);
    clock.advance(15 * MINUTE);
    await pass();
    await briefAcceptedBy(first.id);
    clock.advance(15 * MINUTE);
    await pass();

    const standing = await dashboardStanding(first.userId);

    expect(standing.lapses).toHaveLength(2);
    expect(standing.blockedUntil?.toISOString()).toBe(new Date(clock.now().getTime() + 7 * DAY).toISOString());
  });

  it("drops a lapse older than the window", async () => {
    const first = await assistant("First");
    await briefAcceptedBy(first.id);
    clock.advance(15 * MINUTE);
    await pass();

    clock.advance(30 * DAY);
    const standing = await dashboardStanding(first.userId);

    expect(standing.lapses).toEqual([]);
  });
});

describe("reallocation limit", () => {
  it("sends the 4th reallocation to the unrouted queue", async () => {
    const assistants = [];
    for (const name of ["A", "B", "C", "D", "E"]) {
      assistants.push(await assistant(name));
    }
    const client = await createClient(database.prisma, { trialStartedAt: clock.now() });
    const { taskId } = await submitBrief(database.prisma, { clientId: client.id, brief: { title: "Hot potato", description: "Nobody starts it.", skills: [skillSlug] }, now: clock.now() });

    for (let round = 0; round < 4; round += 1) {
      const offer = await database.prisma.offer.findFirstOrThrow({ where: { taskId, status: "pending" } });
      await acceptOffer(database.prisma, { offerId: offer.id, assistantId: offer.assistantId, now: clock.now() });
      clock.advance(15 * MINUTE);
      await pass();
    }

    const task = await database.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(task.reallocationCount).toBe(4);
    expect(task.status).toBe("unrouted");
    expect(await database.prisma.offer.count({ where: { taskId, status: "pending" } })).toBe(0);
  });
});
