/**
 * The trial-ending nudges: a trial client's email at the first time warning
 * and when the trial runs out, each queued once in the outbox with the work
 * done so far and the link to the plans page. The deadlines run through
 * applyDueWork with a clock the tests move by hand.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { renderEmail } from "~/emails";
import { buyTopUp } from "~/server/billing/purchase";
import { ManualClock } from "~/server/clock";
import { applyDueWork } from "~/server/deadlines/due-work";
import { createLocalMailboxTransport } from "~/server/email/transport";
import { env } from "~/server/env.js";
import { startTimer } from "~/server/timer/timer";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createAssignment, createAssistant, createClient, createTask, createUser } from "../support/factories";

let database: TestDatabase;
const clock = new ManualClock("2027-01-12T19:00:00Z");
const transport = createLocalMailboxTransport();
const MINUTE = 60_000;
const UPGRADE_URL = new URL("/client/plans", env.APP_URL).toString();

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.close();
});

beforeEach(() => {
  clock.set("2027-01-12T19:00:00Z");
});

/**
 * Creates a client with a completed task that took `doneMinutes` and a
 * second task assigned to a new assistant, whose timer starts at 19:00.
 */
async function clientAtWork(options: { doneMinutes: number; plan?: { code: string; seconds: number } }) {
  const db = database.prisma;
  const user = await createUser(db, { role: "client", name: "Nina" });
  const client = await createClient(db, { userId: user.id, trialStartedAt: new Date("2027-01-01T00:00:00Z") });
  if (options.plan) {
    await db.plan.upsert({ where: { code: options.plan.code }, create: { code: options.plan.code, name: options.plan.code, secondsPerCycle: options.plan.seconds, sortOrder: 1 }, update: {} });
    await db.subscription.create({ data: { clientId: client.id, planCode: options.plan.code, secondsPerCycle: options.plan.seconds, startedAt: new Date("2027-01-05T00:00:00Z") } });
  }
  const assistant = await createAssistant(db);
  const done = await createTask(db, { clientId: client.id, status: "completed", title: "Find three flour suppliers" });
  const doneStart = new Date("2027-01-06T10:00:00Z");
  await db.timeEntry.create({
    data: { taskId: done.id, clientId: client.id, assistantId: assistant.id, startedAt: doneStart, endedAt: new Date(doneStart.getTime() + options.doneMinutes * MINUTE), seconds: options.doneMinutes * 60, coveredByPlatform: !options.plan },
  });
  const task = await createTask(db, { clientId: client.id, status: "assigned", title: "Plan a week of posts" });
  await createAssignment(db, { taskId: task.id, assistantId: assistant.id, acceptedAt: new Date("2027-01-12T18:55:00Z"), startBy: new Date("2027-01-12T19:10:00Z"), startReminderAt: new Date("2027-01-12T19:02:30Z") });
  await startTimer(db, { assistantId: assistant.id, taskId: task.id, now: clock.now() });

  return { client, user, assistant, task };
}

async function runDeadlinesAt(iso: string): Promise<void> {
  clock.set(iso);
  await applyDueWork({ db: database.prisma, now: clock.now(), transport });
}

function emailsTo(email: string, template: string) {
  return database.prisma.emailOutbox.findMany({ where: { toEmail: email, template }, orderBy: { createdAt: "asc" } });
}

describe("trial nudge at the first warning", () => {
  it("sends the work so far once", async () => {
    const { user } = await clientAtWork({ doneMinutes: 40 });

    // 80 % of 60 minutes is reached at 19:08, so the passes at 19:09 and 19:11 find it due, and the email describes the trial at 19:08.
    await runDeadlinesAt("2027-01-12T19:09:00Z");
    await runDeadlinesAt("2027-01-12T19:09:30Z");
    await runDeadlinesAt("2027-01-12T19:11:00Z");

    const nudges = await emailsTo(user.email, "trial-ending");
    expect(nudges).toHaveLength(1);
    expect(nudges[0]?.payload).toEqual({
      recipientName: "Nina",
      stage: "most_used",
      minutesUsed: 48,
      minutesLeft: 12,
      tasks: [
        { title: "Find three flour suppliers", minutes: 40, state: "done" },
        { title: "Plan a week of posts", minutes: 8, state: "in_progress" },
      ],
      moreTasks: 0,
      upgradeUrl: UPGRADE_URL,
    });
  });

  it("replaces only the client's 80 % email", async () => {
    const { user, assistant } = await clientAtWork({ doneMinutes: 40 });

    await runDeadlinesAt("2027-01-12T19:11:00Z");

    const timeLow = await emailsTo(user.email, "time-low");
    expect(timeLow.map((row) => (row.payload as { threshold: string }).threshold)).toEqual(["minutes_left"]);
    const assistantUser = await database.prisma.user.findFirstOrThrow({ where: { assistant: { id: assistant.id } } });
    const assistantWarnings = await emailsTo(assistantUser.email, "time-low");
    expect(assistantWarnings.map((row) => (row.payload as { threshold: string }).threshold).sort()).toEqual(["minutes_left", "percent_used"]);
    expect(await emailsTo(assistantUser.email, "trial-ending")).toHaveLength(0);
  });

  it("renders a one-click link to the plans page", async () => {
    const { user } = await clientAtWork({ doneMinutes: 40 });
    await runDeadlinesAt("2027-01-12T19:09:00Z");

    const [nudge] = await emailsTo(user.email, "trial-ending");
    const email = await renderEmail("trial-ending", nudge?.payload);

    expect(email.subject).toBe("Only 12 min of your free trial left");
    expect(email.html).toContain(`href="${UPGRADE_URL}"`);
    expect(email.text).toContain("Choose a plan");
    expect(email.text).toContain("“Find three flour suppliers”: 40 min, done");
  });

  it("leaves paid clients on the usual warning", async () => {
    const { user } = await clientAtWork({ doneMinutes: 40, plan: { code: "tiny", seconds: 3600 } });

    await runDeadlinesAt("2027-01-12T19:09:00Z");

    expect(await emailsTo(user.email, "trial-ending")).toHaveLength(0);
    const timeLow = await emailsTo(user.email, "time-low");
    expect(timeLow.map((row) => (row.payload as { threshold: string }).threshold)).toEqual(["percent_used"]);
  });
});

describe("trial nudge when the trial runs out", () => {
  it("sends the used-up nudge once", async () => {
    const { user, task } = await clientAtWork({ doneMinutes: 40 });

    // The balance runs out at 19:20, and later passes find nothing new to send.
    await runDeadlinesAt("2027-01-12T19:25:00Z");
    await runDeadlinesAt("2027-01-12T19:30:00Z");

    const usedUp = (await emailsTo(user.email, "trial-ending")).filter((row) => (row.payload as { stage: string }).stage === "used_up");
    expect(usedUp).toHaveLength(1);
    expect(usedUp[0]?.payload).toMatchObject({
      stage: "used_up",
      minutesUsed: 60,
      minutesLeft: 0,
      tasks: [
        { title: "Find three flour suppliers", minutes: 40, state: "done" },
        { title: "Plan a week of posts", minutes: 20, state: "paused" },
      ],
      upgradeUrl: UPGRADE_URL,
    });
    expect(await emailsTo(user.email, "time-used-up")).toHaveLength(0);
    expect(await database.prisma.notification.count({ where: { userId: user.id, kind: "time_used_up" } })).toBe(1);
    expect((await database.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("out_of_time");
  });

  it("sends the usual email on a second run-out", async () => {
    const { client, user, assistant, task } = await clientAtWork({ doneMinutes: 40 });
    await runDeadlinesAt("2027-01-12T19:25:00Z");

    // A one-hour top-up during the trial lets the timer run again until 20:30.
    await buyTopUp(database.prisma, { clientId: client.id, seconds: 3600, idempotencyKey: `top-up-${client.id}`, now: clock.now() });
    clock.set("2027-01-12T19:30:00Z");
    await startTimer(database.prisma, { assistantId: assistant.id, taskId: task.id, now: clock.now() });
    await runDeadlinesAt("2027-01-12T20:35:00Z");

    const usedUp = (await emailsTo(user.email, "trial-ending")).filter((row) => (row.payload as { stage: string }).stage === "used_up");
    expect(usedUp).toHaveLength(1);
    expect(await emailsTo(user.email, "time-used-up")).toHaveLength(1);
  });
});
