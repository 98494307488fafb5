import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { conversionRates } from "~/server/metrics/conversion-rates";
import { trialFunnel } from "~/server/metrics/funnel";
import { operations, speedMedians, weeklyTrends } from "~/server/metrics/operations";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createAssistant, createClient, createSkill, createTask, createUser } from "../support/factories";

let database: TestDatabase;
const MINUTE = 60_000;
// Monday 4 January 2027 starts week 1; Monday 11 January starts week 2.
const WEEK_1 = "2027-01-04";
const WEEK_2 = "2027-01-11";
const range = { from: new Date("2027-01-04T00:00:00Z"), to: new Date("2027-02-01T00:00:00Z") };
let amaraId = "";
let benId = "";

const at = (iso: string) => new Date(iso);

/**
 * Week 1: four sign-ups. A never sends a brief. B sends one nobody accepts.
 * C has a task accepted and uses 30 of 60 trial minutes. D uses all 60
 * minutes (40 by Amara, 20 by Ben) and converts in week 3.
 * Week 2: one sign-up, E, who is accepted, uses 60 minutes with Amara and
 * converts the same week.
 */
beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.prisma;
  const research = await createSkill(db, { slug: "web-research", name: "Web research" });
  const amara = await createAssistant(db, { userId: (await createUser(db, { role: "assistant", name: "Amara" })).id });
  const ben = await createAssistant(db, { userId: (await createUser(db, { role: "assistant", name: "Ben" })).id });
  amaraId = amara.id;
  benId = ben.id;
  await db.plan.create({ data: { code: "starter", name: "Starter", secondsPerCycle: 18_000, sortOrder: 1 } });

  await createClient(db, { trialStartedAt: at("2027-01-04T10:00:00Z") });
  const b = await createClient(db, { trialStartedAt: at("2027-01-05T10:00:00Z") });
  const c = await createClient(db, { trialStartedAt: at("2027-01-06T10:00:00Z") });
  const d = await createClient(db, { trialStartedAt: at("2027-01-07T10:00:00Z") });
  const e = await createClient(db, { trialStartedAt: at("2027-01-12T10:00:00Z") });

  await createTask(db, { clientId: b.id, status: "unrouted", createdAt: at("2027-01-05T11:00:00Z"), skills: { create: [{ skillId: research.id }] } });

  async function workedTask(clientId: string, createdAt: string, work: Array<{ assistantId: string; minutes: number }>, completedAt?: string) {
    const created = at(createdAt);
    const task = await createTask(db, { clientId, status: completedAt ? "completed" : "in_progress", createdAt: created, completedAt: completedAt ? at(completedAt) : null, skills: { create: [{ skillId: research.id }] } });
    const first = work[0];
    if (!first) {
      return task;
    }
    const offer = await db.offer.create({
      data: { taskId: task.id, assistantId: first.assistantId, wave: 1, status: "accepted", endReason: "accepted", clientOnTrial: true, score: 0.5, scoreBreakdown: {}, createdAt: new Date(created.getTime() + MINUTE), expiresAt: new Date(created.getTime() + 16 * MINUTE), respondedAt: new Date(created.getTime() + 5 * MINUTE) },
    });
    await db.assignment.create({
      data: { taskId: task.id, assistantId: first.assistantId, offerId: offer.id, acceptedAt: new Date(created.getTime() + 5 * MINUTE), startBy: new Date(created.getTime() + 20 * MINUTE), startReminderAt: new Date(created.getTime() + 12 * MINUTE), firstStartedAt: new Date(created.getTime() + 10 * MINUTE), endedAt: completedAt ? at(completedAt) : null, endReason: completedAt ? "completed" : null },
    });
    let start = created.getTime() + 10 * MINUTE;
    for (const part of work) {
      await db.timeEntry.create({
        data: { taskId: task.id, clientId, assistantId: part.assistantId, startedAt: new Date(start), endedAt: new Date(start + part.minutes * MINUTE), seconds: part.minutes * 60, coveredByPlatform: true },
      });
      start += part.minutes * MINUTE;
    }

    return task;
  }

  await workedTask(c.id, "2027-01-06T12:00:00Z", [{ assistantId: amara.id, minutes: 30 }]);
  await workedTask(d.id, "2027-01-07T12:00:00Z", [{ assistantId: amara.id, minutes: 40 }, { assistantId: ben.id, minutes: 20 }], "2027-01-08T12:00:00Z");
  await workedTask(e.id, "2027-01-12T12:00:00Z", [{ assistantId: amara.id, minutes: 60 }], "2027-01-13T12:00:00Z");

  const dConversion = await db.conversion.create({ data: { clientId: d.id, planCode: "starter", convertedAt: at("2027-01-20T09:00:00Z"), trialStartedAt: d.trialStartedAt, trialSecondsUsed: 3600 } });
  await db.conversionCredit.createMany({ data: [{ conversionId: dConversion.id, assistantId: amara.id, trialSeconds: 2400, share: 2 / 3 }, { conversionId: dConversion.id, assistantId: ben.id, trialSeconds: 1200, share: 1 / 3 }] });
  const eConversion = await db.conversion.create({ data: { clientId: e.id, planCode: "starter", convertedAt: at("2027-01-14T09:00:00Z"), trialStartedAt: e.trialStartedAt, trialSecondsUsed: 3600 } });
  await db.conversionCredit.create({ data: { conversionId: eConversion.id, assistantId: amara.id, trialSeconds: 3600, share: 1 } });
});

afterAll(async () => {
  await database.close();
});

describe("trial funnel", () => {
  it("counts each cohort's steps and rates", async () => {
    const funnel = await trialFunnel(database.prisma, range);

    expect(funnel).toEqual([
      {
        cohortWeek: WEEK_1,
        signups: 4,
        firstBrief: 3,
        firstAccepted: 2,
        trialUsed: 1,
        converted: 1,
        rates: { firstBrief: 0.75, firstAccepted: 0.6667, trialUsed: 0.5, converted: 1, overall: 0.25 },
      },
      {
        cohortWeek: WEEK_2,
        signups: 1,
        firstBrief: 1,
        firstAccepted: 1,
        trialUsed: 1,
        converted: 1,
        rates: { firstBrief: 1, firstAccepted: 1, trialUsed: 1, converted: 1, overall: 1 },
      },
    ]);
  });

  it("keeps a week-3 conversion in the week-1 cohort", async () => {
    const funnel = await trialFunnel(database.prisma, { from: range.from, to: new Date("2027-01-11T00:00:00Z") });

    expect(funnel).toHaveLength(1);
    expect(funnel[0]?.converted).toBe(1);
  });
});

describe("conversion rates", () => {
  it("splits credit by trial share with the sample size", async () => {
    const rates = await conversionRates(database.prisma, range);

    expect(rates.overall).toEqual({ trialClients: 5, converted: 2, rate: 0.4 });
    const amara = rates.byAssistant.find((row) => row.assistantId === amaraId);
    const ben = rates.byAssistant.find((row) => row.assistantId === benId);
    expect(amara).toMatchObject({ trialClients: 3, credited: 1.67, rate: 0.5556 });
    expect(ben).toMatchObject({ trialClients: 1, credited: 0.33, rate: 0.3333 });
    expect(rates.bySkill).toEqual([{ skill: "Web research", trialClients: 4, converted: 2, rate: 0.5 }]);
  });
});

describe("speed and operations", () => {
  it("takes medians from brief to each milestone", async () => {
    const speed = await speedMedians(database.prisma, range);

    expect(speed.toFirstOffer).toBe(60);
    expect(speed.toAcceptance).toBe(300);
    expect(speed.toFirstTimer).toBe(600);
    expect(speed.toCompletion).toBe(86_400);
  });

  it("sums hours, rates and ratings", async () => {
    const ops = await operations(database.prisma, range);

    expect(ops.offers).toBe(3);
    expect(ops.acceptanceRate).toBe(1);
    expect(ops.medianSecondsToAccept).toBe(240);
    expect(ops.unroutedTasks).toBe(1);
    expect(ops.hoursDelivered).toBe(2.5);
    expect(ops.platformCoveredHours).toBe(2.5);
    expect(ops.lapseRate).toBe(0);
  });

  it("buckets trends by week", async () => {
    const trends = await weeklyTrends(database.prisma, range);

    expect(trends.map((row) => row.week)).toEqual(["2027-01-04", "2027-01-11", "2027-01-18", "2027-01-25"]);
    expect(trends.map((row) => row.signups)).toEqual([4, 1, 0, 0]);
    expect(trends.map((row) => row.conversions)).toEqual([0, 1, 1, 0]);
    expect(trends.map((row) => row.hoursDelivered)).toEqual([1.5, 1, 0, 0]);
  });
});
