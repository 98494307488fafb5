import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { submitBrief } from "~/server/briefs/submit-brief";
import { ManualClock } from "~/server/clock";
import { AppError } from "~/server/errors";
import { acceptOffer } from "~/server/offers/accept-offer";
import { declineOffer } from "~/server/offers/decline-offer";
import { expireDueOffers } from "~/server/offers/expire-offers";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createAssistant, createClient, createSkill, createUser } from "../support/factories";

let database: TestDatabase;
const clock = new ManualClock("2027-03-01T10:00:00Z");
const MINUTE = 60_000;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.close();
});

/** Removes every row the previous test made, children first. */
async function resetData() {
  const db = database.prisma;
  await db.notification.deleteMany();
  await db.emailOutbox.deleteMany();
  await db.timeEntry.deleteMany();
  await db.lapse.deleteMany();
  await db.assignment.deleteMany();
  await db.offer.deleteMany();
  await db.task.deleteMany();
  await db.clientTeamMember.deleteMany();
  await db.subscription.deleteMany();
  await db.clientAccount.deleteMany();
  await db.block.deleteMany();
  await db.assistantProfile.deleteMany();
  await db.skill.deleteMany();
  await db.user.deleteMany();
  await db.plan.deleteMany();
}

beforeEach(async () => {
  clock.set("2027-03-01T10:00:00Z");
  await resetData();
});

async function skill(slug: string) {
  return createSkill(database.prisma, { slug, name: slug });
}

async function assistant(name: string, skillIds: string[], overrides: Parameters<typeof createAssistant>[1] = {}) {
  const user = await createUser(database.prisma, { role: "assistant", name, email: `${name.toLowerCase()}@assistants.test` });

  return createAssistant(database.prisma, { userId: user.id, ...overrides, skills: { create: skillIds.map((skillId) => ({ skillId })) } });
}

async function trialClient() {
  return createClient(database.prisma, { trialStartedAt: clock.now() });
}

async function paidClient(primaryAssistantId: string | null, teamIds: string[] = []) {
  await database.prisma.plan.upsert({ where: { code: "standard" }, create: { code: "standard", name: "Standard", secondsPerCycle: 36_000, sortOrder: 2 }, update: {} });
  const client = await createClient(database.prisma, { trialStartedAt: new Date("2027-01-01T00:00:00Z"), primaryAssistantId });
  await database.prisma.subscription.create({ data: { clientId: client.id, planCode: "standard", secondsPerCycle: 36_000, startedAt: new Date("2027-02-01T00:00:00Z") } });
  for (const assistantId of teamIds) {
    await database.prisma.clientTeamMember.create({ data: { clientId: client.id, assistantId } });
  }

  return client;
}

function brief(skills: string[], extra: Record<string, unknown> = {}) {
  return { title: "Book a venue for our training day", description: "Room for 18 people with a projector and lunch.", skills, ...extra };
}

async function offeredTo(taskId: string, status?: "pending" | "declined" | "expired" | "withdrawn" | "accepted") {
  const offers = await database.prisma.offer.findMany({
    where: { taskId, ...(status ? { status } : {}) },
    select: { assistant: { select: { user: { select: { name: true } } } } },
  });

  return offers.map((offer) => offer.assistant.user.name).sort();
}

async function offerOf(taskId: string, name: string) {
  return database.prisma.offer.findFirstOrThrow({ where: { taskId, assistant: { user: { name } } } });
}

describe("eligibility", () => {
  it("requires every skill, availability, no block, spare capacity", async () => {
    const research = await skill("web-research");
    const sheets = await skill("spreadsheets");
    await assistant("Both", [research.id, sheets.id]);
    await assistant("OnlyResearch", [research.id]);
    await assistant("Away", [research.id, sheets.id], { awayUntil: new Date("2027-03-05T00:00:00Z") });
    await assistant("Unavailable", [research.id, sheets.id], { available: false });
    const blocked = await assistant("Blocked", [research.id, sheets.id]);
    await database.prisma.block.create({ data: { assistantId: blocked.id, reason: "2 lapses", startedAt: new Date("2027-02-28T00:00:00Z"), endsAt: new Date("2027-03-07T00:00:00Z") } });
    await assistant("Full", [research.id, sheets.id], { capacity: 0 });
    const inactiveUser = await createUser(database.prisma, { role: "assistant", name: "Inactive", active: false });
    await createAssistant(database.prisma, { userId: inactiveUser.id, skills: { create: [{ skillId: research.id }, { skillId: sheets.id }] } });
    await assistant("BackFromHoliday", [research.id, sheets.id], { awayUntil: new Date("2027-02-28T00:00:00Z") });
    const client = await trialClient();

    const { taskId, routing } = await submitBrief(database.prisma, { clientId: client.id, brief: brief(["web-research", "spreadsheets"]), now: clock.now() });

    expect(routing).toMatchObject({ kind: "offered", wave: 1, audience: "pool" });
    expect(await offeredTo(taskId)).toEqual(["BackFromHoliday", "Both"]);
  });

  it("counts accepted but unstarted work toward capacity", async () => {
    const research = await skill("web-research");
    const busy = await assistant("Busy", [research.id], { capacity: 1 });
    await assistant("Free", [research.id]);
    const client = await trialClient();
    const first = await submitBrief(database.prisma, { clientId: client.id, brief: brief(["web-research"]), now: clock.now() });
    const busyOffer = await offerOf(first.taskId, "Busy");
    await acceptOffer(database.prisma, { offerId: busyOffer.id, assistantId: busy.id, now: clock.now() });

    const second = await submitBrief(database.prisma, { clientId: client.id, brief: brief(["web-research"]), now: clock.now() });

    expect(await offeredTo(second.taskId)).toEqual(["Free"]);
  });

  it("for 'new' excludes assistants who logged time for the client", async () => {
    const research = await skill("web-research");
    const known = await assistant("Known", [research.id]);
    await assistant("Stranger", [research.id]);
    const client = await paidClient(null);
    const earlier = await database.prisma.task.create({ data: { clientId: client.id, title: "Earlier", description: "Earlier work here", referenceLinks: [], preference: "anyone", status: "completed" } });
    await database.prisma.timeEntry.create({
      data: { taskId: earlier.id, clientId: client.id, assistantId: known.id, startedAt: new Date("2027-02-10T10:00:00Z"), endedAt: new Date("2027-02-10T10:30:00Z"), seconds: 1800 },
    });

    const { taskId } = await submitBrief(database.prisma, { clientId: client.id, brief: brief(["web-research"], { preference: "new" }), now: clock.now() });

    expect(await offeredTo(taskId)).toEqual(["Stranger"]);
    expect((await database.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).fallThroughReason).toBe("asked_for_new");
  });
});

describe("primary and team", () => {
  it("offers the primary alone first", async () => {
    const research = await skill("web-research");
    const primary = await assistant("Primary", [research.id]);
    await assistant("Other", [research.id]);
    const client = await paidClient(primary.id);

    const { taskId, routing } = await submitBrief(database.prisma, { clientId: client.id, brief: brief(["web-research"]), now: clock.now() });

    expect(routing).toMatchObject({ kind: "offered", audience: "primary" });
    expect(await offeredTo(taskId)).toEqual(["Primary"]);
  });

  const fallThroughCases = [
    { name: "away", setup: { awayUntil: new Date("2027-03-09T00:00:00Z") }, skills: true, reason: "primary_away" },
    { name: "at capacity", setup: { capacity: 0 }, skills: true, reason: "primary_at_capacity" },
    { name: "missing a skill", setup: {}, skills: false, reason: "primary_lacks_skill" },
  ] as const;
  for (const testCase of fallThroughCases) {
    it(`falls through to the team when the primary is ${testCase.name}`, async () => {
      const research = await skill("web-research");
      const primary = await assistant("Primary", testCase.skills ? [research.id] : [], testCase.setup);
      const teammate = await assistant("Teammate", [research.id]);
      await assistant("Pool", [research.id]);
      const client = await paidClient(primary.id, [teammate.id]);

      const { taskId, routing } = await submitBrief(database.prisma, { clientId: client.id, brief: brief(["web-research"]), now: clock.now() });

      expect(routing).toMatchObject({ kind: "offered", audience: "team" });
      expect(await offeredTo(taskId)).toEqual(["Teammate"]);
      expect((await database.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).fallThroughReason).toBe(testCase.reason);
    });
  }

  it("falls through when the primary is blocked", async () => {
    const research = await skill("web-research");
    const primary = await assistant("Primary", [research.id]);
    await database.prisma.block.create({ data: { assistantId: primary.id, reason: "lapses", startedAt: new Date("2027-02-28T00:00:00Z"), endsAt: new Date("2027-03-07T00:00:00Z") } });
    await assistant("Pool", [research.id]);
    const client = await paidClient(primary.id);

    const { taskId } = await submitBrief(database.prisma, { clientId: client.id, brief: brief(["web-research"]), now: clock.now() });

    expect(await offeredTo(taskId)).toEqual(["Pool"]);
    expect((await database.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).fallThroughReason).toBe("primary_blocked");
  });

  it("goes to the pool after the primary declines", async () => {
    const research = await skill("web-research");
    const primary = await assistant("Primary", [research.id]);
    await assistant("PoolA", [research.id]);
    await assistant("PoolB", [research.id]);
    const client = await paidClient(primary.id);
    const { taskId } = await submitBrief(database.prisma, { clientId: client.id, brief: brief(["web-research"]), now: clock.now() });

    await declineOffer(database.prisma, { offerId: (await offerOf(taskId, "Primary")).id, assistantId: primary.id, reason: "no_capacity", now: clock.now() });

    expect(await offeredTo(taskId, "pending")).toEqual(["PoolA", "PoolB"]);
    const task = await database.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(task.fallThroughReason).toBe("primary_declined");
    expect(task.currentWave).toBe(2);
  });

  it("goes to the pool after the primary's offer expires", async () => {
    const research = await skill("web-research");
    const primary = await assistant("Primary", [research.id]);
    await assistant("Pool", [research.id]);
    const client = await paidClient(primary.id);
    const { taskId } = await submitBrief(database.prisma, { clientId: client.id, brief: brief(["web-research"]), now: clock.now() });

    clock.advance(15 * MINUTE);
    await expireDueOffers(database.prisma, clock.now());

    expect(await offeredTo(taskId, "pending")).toEqual(["Pool"]);
    expect((await database.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).fallThroughReason).toBe("primary_expired");
  });

  it("'team' offers the team first, then the pool", async () => {
    const research = await skill("web-research");
    const teammate = await assistant("Teammate", [research.id]);
    await assistant("Pool", [research.id]);
    const client = await paidClient(null, [teammate.id]);
    const { taskId } = await submitBrief(database.prisma, { clientId: client.id, brief: brief(["web-research"], { preference: "team" }), now: clock.now() });
    expect(await offeredTo(taskId, "pending")).toEqual(["Teammate"]);

    await declineOffer(database.prisma, { offerId: (await offerOf(taskId, "Teammate")).id, assistantId: teammate.id, reason: "not_interested", now: clock.now() });

    expect(await offeredTo(taskId, "pending")).toEqual(["Pool"]);
    expect((await database.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).fallThroughReason).toBe("asked_for_team");
  });
});

describe("waves", () => {
  it("sends 3 at a time, the next wave after all expire, then unrouted", async () => {
    const research = await skill("web-research");
    for (const name of ["A1", "A2", "A3", "A4"]) {
      await assistant(name, [research.id]);
    }
    const admin = await createUser(database.prisma, { role: "admin", name: "Admin", email: "admin@baton.test" });
    const client = await trialClient();
    const { taskId } = await submitBrief(database.prisma, { clientId: client.id, brief: brief(["web-research"]), now: clock.now() });
    expect(await offeredTo(taskId, "pending")).toHaveLength(3);

    clock.advance(15 * MINUTE - 1);
    expect(await expireDueOffers(database.prisma, clock.now())).toEqual({ expired: 0, tasksRouted: 0 });

    clock.advance(1);
    expect(await expireDueOffers(database.prisma, clock.now())).toEqual({ expired: 3, tasksRouted: 1 });
    expect(await offeredTo(taskId, "pending")).toHaveLength(1);
    expect(await expireDueOffers(database.prisma, clock.now())).toEqual({ expired: 0, tasksRouted: 0 });

    clock.advance(15 * MINUTE);
    await expireDueOffers(database.prisma, clock.now());

    const task = await database.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(task.status).toBe("unrouted");
    expect(await database.prisma.notification.count({ where: { userId: admin.id, kind: "unrouted_task" } })).toBe(1);
    expect(await database.prisma.notification.count({ where: { userId: client.userId, kind: "still_looking" } })).toBe(1);
  });

  it("marks a task with no candidates unrouted at once", async () => {
    await skill("wordpress");
    const client = await trialClient();

    const { taskId, routing } = await submitBrief(database.prisma, { clientId: client.id, brief: brief(["wordpress"]), now: clock.now() });

    expect(routing.kind).toBe("unrouted");
    expect((await database.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).status).toBe("unrouted");
  });

  it("emails each offered assistant once, saying trial or paid", async () => {
    const research = await skill("web-research");
    await assistant("Mailed", [research.id]);
    const client = await trialClient();

    await submitBrief(database.prisma, { clientId: client.id, brief: brief(["web-research"]), now: clock.now() });

    const emails = await database.prisma.emailOutbox.findMany({ where: { template: "offer-available" } });
    expect(emails).toHaveLength(1);
    expect(emails[0]?.toEmail).toBe("mailed@assistants.test");
    expect(emails[0]?.payload).toMatchObject({ clientPlan: "trial" });
  });

  it("stores the score breakdown on each offer", async () => {
    const research = await skill("web-research");
    await assistant("Scored", [research.id]);
    const client = await trialClient();
    const { taskId } = await submitBrief(database.prisma, { clientId: client.id, brief: brief(["web-research"]), now: clock.now() });

    const offer = await offerOf(taskId, "Scored");

    expect(offer.scoreBreakdown).toMatchObject({ factors: { skillFit: { value: 1 }, trialConversion: { value: expect.any(Number) as number } }, total: offer.score });
  });
});

describe("declines", () => {
  it("lower the rank for the same skills but keep the assistant eligible", async () => {
    const research = await skill("web-research");
    const picky = await assistant("Picky", [research.id]);
    await assistant("Keen", [research.id]);
    const client = await trialClient();
    const first = await submitBrief(database.prisma, { clientId: client.id, brief: brief(["web-research"]), now: clock.now() });
    const firstOffers = await database.prisma.offer.findMany({ where: { taskId: first.taskId }, orderBy: { score: "desc" } });
    expect(firstOffers.map((offer) => offer.score)).toEqual([firstOffers[0]?.score, firstOffers[0]?.score]);
    await declineOffer(database.prisma, { offerId: (await offerOf(first.taskId, "Picky")).id, assistantId: picky.id, reason: "not_interested", now: clock.now() });

    clock.advance(2 * 24 * 60 * MINUTE);
    const second = await submitBrief(database.prisma, { clientId: client.id, brief: brief(["web-research"]), now: clock.now() });

    const pickyOffer = await offerOf(second.taskId, "Picky");
    const keenOffer = await offerOf(second.taskId, "Keen");
    expect(pickyOffer.score).toBeLessThan(keenOffer.score);
    expect(pickyOffer.scoreBreakdown).toMatchObject({ factors: { declineHistory: { value: expect.any(Number) as number } } });
  });
});

describe("accepting", () => {
  it("gives the task to one of 20 parallel accepts", async () => {
    const research = await skill("web-research");
    const assistants = [];
    for (let index = 0; index < 20; index += 1) {
      assistants.push(await assistant(`Racer${index}`, [research.id]));
    }
    const client = await trialClient();
    const task = await database.prisma.task.create({ data: { clientId: client.id, title: "Race", description: "Who accepts first", referenceLinks: [], preference: "anyone", currentWave: 1 } });
    const offers = [];
    for (const racer of assistants) {
      offers.push(
        await database.prisma.offer.create({
          data: { taskId: task.id, assistantId: racer.id, wave: 1, clientOnTrial: true, score: 0.5, scoreBreakdown: {}, createdAt: clock.now(), expiresAt: new Date(clock.now().getTime() + 15 * MINUTE) },
        }),
      );
    }

    const results = await Promise.allSettled(offers.map((offer) => acceptOffer(database.prisma, { offerId: offer.id, assistantId: offer.assistantId, now: clock.now() })));

    const winners = results.filter((result) => result.status === "fulfilled");
    const losers = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    for (const loser of losers) {
      expect(loser.reason).toBeInstanceOf(AppError);
      expect((loser.reason as AppError).code).toBe("CONFLICT");
    }
    expect(await database.prisma.assignment.count({ where: { taskId: task.id, endedAt: null } })).toBe(1);
    expect(await database.prisma.offer.count({ where: { taskId: task.id, status: "accepted" } })).toBe(1);
    expect(await database.prisma.offer.count({ where: { taskId: task.id, status: "withdrawn", endReason: "taken_by_another" } })).toBe(19);
  });

  it("caps parallel accepts at the assistant's capacity", async () => {
    const research = await skill("web-research");
    const worker = await assistant("Worker", [research.id], { capacity: 2 });
    const client = await trialClient();
    const offers = [];
    for (let index = 0; index < 5; index += 1) {
      const { taskId } = await submitBrief(database.prisma, { clientId: client.id, brief: brief(["web-research"]), now: clock.now() });
      offers.push(await offerOf(taskId, "Worker"));
    }

    const results = await Promise.allSettled(offers.map((offer) => acceptOffer(database.prisma, { offerId: offer.id, assistantId: worker.id, now: clock.now() })));

    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(2);
    expect(await database.prisma.assignment.count({ where: { assistantId: worker.id, endedAt: null } })).toBe(2);
  });

  it("returns the same success when pressed twice", async () => {
    const research = await skill("web-research");
    const solo = await assistant("Solo", [research.id]);
    const client = await trialClient();
    const { taskId } = await submitBrief(database.prisma, { clientId: client.id, brief: brief(["web-research"]), now: clock.now() });
    const offer = await offerOf(taskId, "Solo");

    const first = await acceptOffer(database.prisma, { offerId: offer.id, assistantId: solo.id, now: clock.now() });
    const second = await acceptOffer(database.prisma, { offerId: offer.id, assistantId: solo.id, now: clock.now() });

    expect(second).toEqual(first);
    expect((await database.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).status).toBe("assigned");
  });

  it("rejects an accept after the offer expired", async () => {
    const research = await skill("web-research");
    const late = await assistant("Late", [research.id]);
    const client = await trialClient();
    const { taskId } = await submitBrief(database.prisma, { clientId: client.id, brief: brief(["web-research"]), now: clock.now() });
    const offer = await offerOf(taskId, "Late");

    clock.advance(15 * MINUTE);
    const error = await acceptOffer(database.prisma, { offerId: offer.id, assistantId: late.id, now: clock.now() }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/expired/);
  });

  it("hides another assistant's offer as not found", async () => {
    const research = await skill("web-research");
    await assistant("Owner", [research.id]);
    const stranger = await assistant("Stranger", []);
    const client = await trialClient();
    const { taskId } = await submitBrief(database.prisma, { clientId: client.id, brief: brief(["web-research"]), now: clock.now() });

    const error = await acceptOffer(database.prisma, { offerId: (await offerOf(taskId, "Owner")).id, assistantId: stranger.id, now: clock.now() }).catch((caught: unknown) => caught);

    expect((error as AppError).code).toBe("NOT_FOUND");
  });
});
