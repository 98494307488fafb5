import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { submitBrief } from "~/server/briefs/submit-brief";
import { ManualClock } from "~/server/clock";
import { openDatabase } from "~/server/db/client";
import { applyDueWork } from "~/server/deadlines/due-work";
import { startLocalDriver } from "~/server/deadlines/local-driver";
import { createLocalMailboxTransport } from "~/server/email/transport";
import { createFunctions } from "~/server/jobs/functions";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createAssistant, createClient, createSkill, createUser } from "../support/factories";

let database: TestDatabase;
const clock = new ManualClock("2027-04-05T09:00:00Z");
const transport = createLocalMailboxTransport();
const MINUTE = 60_000;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.close();
});

async function taskWithOneOffer() {
  const slug = `research-${Math.floor(clock.now().getTime() / 1000)}`;
  const skill = await createSkill(database.prisma, { slug });
  for (const name of ["first", "second"]) {
    const user = await createUser(database.prisma, { role: "assistant", name: `${name} ${slug}` });
    await createAssistant(database.prisma, { userId: user.id, skills: { create: [{ skillId: skill.id }] } });
  }
  const client = await createClient(database.prisma, { trialStartedAt: clock.now() });
  await database.prisma.setting.upsert({ where: { key: "offerWaveSize" }, create: { key: "offerWaveSize", value: 1, updatedAt: clock.now() }, update: {} });
  const { taskId } = await submitBrief(database.prisma, {
    clientId: client.id,
    brief: { title: "Research suppliers", description: "Find three wholesale flour suppliers.", skills: [slug] },
    now: clock.now(),
  });

  return taskId;
}

function pendingOffers(taskId: string) {
  return database.prisma.offer.count({ where: { taskId, status: "pending" } });
}

describe("applyDueWork", () => {
  it("does nothing before a deadline and acts after it", async () => {
    const taskId = await taskWithOneOffer();
    const offer = await database.prisma.offer.findFirstOrThrow({ where: { taskId } });

    const early = await applyDueWork({ db: database.prisma, now: new Date(offer.expiresAt.getTime() - 1), transport });
    expect(early["offer-expiry"]).toEqual({ expired: 0, tasksRouted: 0 });
    expect((await database.prisma.offer.findUniqueOrThrow({ where: { id: offer.id } })).status).toBe("pending");

    const late = await applyDueWork({ db: database.prisma, now: offer.expiresAt, transport });
    expect(late["offer-expiry"]).toEqual({ expired: 1, tasksRouted: 1 });
    expect((await database.prisma.offer.findUniqueOrThrow({ where: { id: offer.id } })).status).toBe("expired");
    expect(await pendingOffers(taskId)).toBe(1);
  });

  it("changes nothing when run twice", async () => {
    clock.advance(60 * MINUTE);
    const taskId = await taskWithOneOffer();
    const offer = await database.prisma.offer.findFirstOrThrow({ where: { taskId } });
    await applyDueWork({ db: database.prisma, now: offer.expiresAt, transport });
    const offersAfterFirst = await database.prisma.offer.findMany({ where: { taskId }, orderBy: { createdAt: "asc" }, select: { id: true, status: true } });

    const second = await applyDueWork({ db: database.prisma, now: offer.expiresAt, transport });

    expect(second["offer-expiry"]).toEqual({ expired: 0, tasksRouted: 0 });
    expect(second["email-delivery"]).toMatchObject({ claimed: 0 });
    expect(await database.prisma.offer.findMany({ where: { taskId }, orderBy: { createdAt: "asc" }, select: { id: true, status: true } })).toEqual(offersAfterFirst);
  });

  it("delivers the emails the pass queued", async () => {
    clock.advance(60 * MINUTE);
    const taskId = await taskWithOneOffer();

    await applyDueWork({ db: database.prisma, now: clock.now(), transport });

    const emails = await database.prisma.emailOutbox.findMany({ where: { template: "offer-available", payload: { path: ["taskTitle"], equals: "Research suppliers" } } });
    expect(emails.length).toBeGreaterThan(0);
    expect(emails.every((email) => email.status === "sent")).toBe(true);
    expect(await pendingOffers(taskId)).toBe(1);
  });
});

describe("local driver", () => {
  it("skips a tick that overlaps a running one", async () => {
    const driver = startLocalDriver(database, { intervalMs: 3_600_000, clock });
    try {
      const [first, second] = await Promise.all([driver.tick(), driver.tick()]);

      expect(first).toBe(true);
      expect(second).toBe(false);
    } finally {
      driver.stop();
    }
  });

  it.runIf(process.env.TEST_DATABASE_URL)("runs one pass across two processes", async () => {
    const other = await openDatabase({ url: process.env.TEST_DATABASE_URL, schema: database.schema ?? undefined });
    const first = startLocalDriver(database, { intervalMs: 3_600_000, clock });
    const second = startLocalDriver(other, { intervalMs: 3_600_000, clock });
    try {
      const results = await Promise.all([first.tick(), second.tick()]);

      expect(results.filter(Boolean)).toHaveLength(1);
    } finally {
      first.stop();
      second.stop();
      await other.close();
    }
  });
});

describe("Inngest functions", () => {
  const functions = createFunctions({ getDb: () => Promise.resolve(database.prisma), clock, transport: () => transport });

  it("expire-offer-wave sleeps until expiry, then routes", async () => {
    clock.advance(60 * MINUTE);
    const taskId = await taskWithOneOffer();
    const offer = await database.prisma.offer.findFirstOrThrow({ where: { taskId } });
    clock.set(offer.expiresAt);
    const engine = new InngestTestEngine({
      function: functions.expireOfferWave,
      events: [{ name: "routing/offer-wave.sent", data: { taskId, wave: 1, expiresAt: offer.expiresAt.toISOString() } }],
      steps: [
        { id: "wait-for-offer-expiry", handler: () => undefined },
        { id: "deliver-queued-emails", handler: () => ({ ids: ["event-1"] }) },
      ],
    });

    const { result, ctx } = await engine.execute();

    expect(result).toEqual({ expired: 1, tasksRouted: 1 });
    expect(ctx.step.sleepUntil).toHaveBeenCalledWith("wait-for-offer-expiry", offer.expiresAt);
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("deliver-queued-emails", expect.objectContaining({ name: "email/outbox.queued" }));
    expect(await pendingOffers(taskId)).toBe(1);
  });

  it("expire-offer-wave does nothing when the offer was answered meanwhile", async () => {
    clock.advance(60 * MINUTE);
    const taskId = await taskWithOneOffer();
    const offer = await database.prisma.offer.findFirstOrThrow({ where: { taskId } });
    await database.prisma.offer.update({ where: { id: offer.id }, data: { status: "declined", endReason: "declined" } });
    clock.set(offer.expiresAt);
    const engine = new InngestTestEngine({
      function: functions.expireOfferWave,
      events: [{ name: "routing/offer-wave.sent", data: { taskId, wave: 1, expiresAt: offer.expiresAt.toISOString() } }],
      steps: [{ id: "wait-for-offer-expiry", handler: () => undefined }],
    });

    const { result, ctx } = await engine.execute();

    expect(result).toEqual({ expired: 0, tasksRouted: 0 });
    expect(ctx.step.sendEvent).not.toHaveBeenCalled();
  });

  it("apply-due-work runs one named step", async () => {
    const engine = new InngestTestEngine({ function: functions.dueWorkCron });

    const { result, ctx } = await engine.execute();

    expect(ctx.step.run).toHaveBeenCalledWith("apply-due-work", expect.any(Function));
    expect(result).toHaveProperty("offer-expiry");
    expect(result).toHaveProperty("email-delivery");
  });
});
