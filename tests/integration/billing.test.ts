import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { buyTopUp, purchasePlan } from "~/server/billing/purchase";
import { getBalance } from "~/server/budget/balance";
import { ManualClock } from "~/server/clock";
import { AppError } from "~/server/errors";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createAssistant, createClient, createTask } from "../support/factories";

let database: TestDatabase;
const clock = new ManualClock("2027-09-01T10:00:00Z");
const MINUTE = 60_000;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.close();
});

/** A trial client for whom each assistant logged the given trial minutes. */
async function trialClientWithWork(minutesByAssistant: number[]) {
  const client = await createClient(database.prisma, { trialStartedAt: new Date("2027-08-20T00:00:00Z") });
  const task = await createTask(database.prisma, { clientId: client.id, status: "out_of_time" });
  const assistants = [];
  let start = new Date("2027-08-21T09:00:00Z").getTime();
  for (const minutes of minutesByAssistant) {
    const assistant = await createAssistant(database.prisma);
    assistants.push(assistant);
    await database.prisma.timeEntry.create({
      data: { taskId: task.id, clientId: client.id, assistantId: assistant.id, startedAt: new Date(start), endedAt: new Date(start + minutes * MINUTE), seconds: minutes * 60, coveredByPlatform: true },
    });
    start += (minutes + 1) * MINUTE;
  }

  return { client, assistants, task };
}

describe("conversion", () => {
  it("is recorded once under two parallel requests with one key", async () => {
    const { client } = await trialClientWithWork([30]);

    const results = await Promise.all([
      purchasePlan(database.prisma, { clientId: client.id, planCode: "standard", idempotencyKey: "upgrade-1", now: clock.now() }),
      purchasePlan(database.prisma, { clientId: client.id, planCode: "standard", idempotencyKey: "upgrade-1", now: clock.now() }),
    ]);

    expect(results[0].purchaseId).toBe(results[1].purchaseId);
    expect(await database.prisma.purchase.count({ where: { clientId: client.id } })).toBe(1);
    expect(await database.prisma.subscription.count({ where: { clientId: client.id } })).toBe(1);
    expect(await database.prisma.conversion.count({ where: { clientId: client.id } })).toBe(1);
  });

  it("credits assistants by their share of trial minutes", async () => {
    const { client, assistants } = await trialClientWithWork([40, 20]);

    const result = await purchasePlan(database.prisma, { clientId: client.id, planCode: "starter", idempotencyKey: "upgrade-2", now: clock.now() });

    expect(result.converted).toBe(true);
    const conversion = await database.prisma.conversion.findUniqueOrThrow({ where: { clientId: client.id }, include: { credits: true } });
    expect(conversion.trialSecondsUsed).toBe(3600);
    const shares = Object.fromEntries(conversion.credits.map((credit) => [credit.assistantId, credit.share]));
    expect(shares[assistants[0]?.id ?? ""]).toBeCloseTo(2 / 3);
    expect(shares[assistants[1]?.id ?? ""]).toBeCloseTo(1 / 3);
    expect((await database.prisma.clientAccount.findUniqueOrThrow({ where: { id: client.id } })).primaryAssistantId).toBe(assistants[0]?.id);
  });

  it("keeps the primary the client chose", async () => {
    const { client, assistants } = await trialClientWithWork([40, 20]);

    await purchasePlan(database.prisma, { clientId: client.id, planCode: "starter", idempotencyKey: "upgrade-3", now: clock.now(), primaryAssistantId: assistants[1]?.id ?? null });

    expect((await database.prisma.clientAccount.findUniqueOrThrow({ where: { id: client.id } })).primaryAssistantId).toBe(assistants[1]?.id);
  });

  it("counts a plan change as no second conversion", async () => {
    const { client } = await trialClientWithWork([10]);
    await purchasePlan(database.prisma, { clientId: client.id, planCode: "starter", idempotencyKey: "upgrade-4a", now: clock.now() });

    clock.advance(MINUTE);
    const change = await purchasePlan(database.prisma, { clientId: client.id, planCode: "pro", idempotencyKey: "upgrade-4b", now: clock.now() });

    expect(change.converted).toBe(false);
    expect(await database.prisma.conversion.count({ where: { clientId: client.id } })).toBe(1);
    expect((await getBalance(database.prisma, client.id, clock.now())).cycle.planCode).toBe("pro");
  });

  it("never moves a client backwards when applied out of order", async () => {
    const { client } = await trialClientWithWork([10]);
    const olderRequest = clock.now();
    clock.advance(MINUTE);
    await purchasePlan(database.prisma, { clientId: client.id, planCode: "team", idempotencyKey: "upgrade-5b", now: clock.now() });

    clock.advance(MINUTE);
    await purchasePlan(database.prisma, { clientId: client.id, planCode: "starter", idempotencyKey: "upgrade-5a", requestedAt: olderRequest, now: clock.now() });

    expect((await getBalance(database.prisma, client.id, clock.now())).cycle.planCode).toBe("team");
  });

  it("gives an out-of-time task back after the upgrade", async () => {
    const { client, task, assistants } = await trialClientWithWork([60]);
    await database.prisma.assignment.create({
      data: { taskId: task.id, assistantId: assistants[0]?.id ?? "", acceptedAt: new Date("2027-08-21T08:55:00Z"), startBy: new Date("2027-08-21T09:10:00Z"), startReminderAt: new Date("2027-08-21T09:02:00Z"), firstStartedAt: new Date("2027-08-21T09:00:00Z") },
    });

    await purchasePlan(database.prisma, { clientId: client.id, planCode: "starter", idempotencyKey: "upgrade-6", now: clock.now() });

    expect((await database.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("in_progress");
  });
});

describe("top-ups", () => {
  it("add to the balance once per key", async () => {
    const { client } = await trialClientWithWork([60]);
    await purchasePlan(database.prisma, { clientId: client.id, planCode: "starter", idempotencyKey: "upgrade-7", now: clock.now() });
    const before = await getBalance(database.prisma, client.id, clock.now());

    await buyTopUp(database.prisma, { clientId: client.id, seconds: 3600, idempotencyKey: "top-up-1", now: clock.now() });
    await buyTopUp(database.prisma, { clientId: client.id, seconds: 3600, idempotencyKey: "top-up-1", now: clock.now() });

    const after = await getBalance(database.prisma, client.id, clock.now());
    expect(after.remainingSeconds - before.remainingSeconds).toBe(3600);
  });

  it("rejects a size that is not offered", async () => {
    const { client } = await trialClientWithWork([5]);

    const error = await buyTopUp(database.prisma, { clientId: client.id, seconds: 7200, idempotencyKey: "top-up-2", now: clock.now() }).catch((caught: unknown) => caught);

    expect((error as AppError).fieldErrors?.seconds).toBe("A top-up is 1 h or 3 h.");
  });
});
