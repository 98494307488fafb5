import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ManualClock } from "~/server/clock";
import { AppError } from "~/server/errors";
import { addMissedEntry, editEntry, type Corrector } from "~/server/timer/corrections";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createAssignment, createAssistant, createClient, createTask, createUser } from "../support/factories";

let database: TestDatabase;
const clock = new ManualClock("2027-02-10T18:00:00Z");

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.close();
});

async function setup() {
  const client = await createClient(database.prisma, { trialStartedAt: new Date("2027-02-01T00:00:00Z"), trialSeconds: 10 * 3600 });
  const user = await createUser(database.prisma, { role: "assistant" });
  const assistant = await createAssistant(database.prisma, { userId: user.id });
  const task = await createTask(database.prisma, { clientId: client.id, status: "in_progress" });
  const assignment = await createAssignment(database.prisma, { taskId: task.id, assistantId: assistant.id });
  const entry = await database.prisma.timeEntry.create({
    data: {
      taskId: task.id,
      clientId: client.id,
      assistantId: assistant.id,
      assignmentId: assignment.id,
      startedAt: new Date("2027-02-10T09:00:00Z"),
      endedAt: new Date("2027-02-10T10:00:00Z"),
      seconds: 3600,
    },
  });
  const corrector: Corrector = { kind: "assistant", userId: user.id, assistantId: assistant.id };

  return { client, assistant, task, entry, corrector };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);

  return error as AppError;
}

describe("entry corrections", () => {
  it("rejects a new end before the stored start", async () => {
    const { entry, corrector } = await setup();

    const error = await rejection(editEntry(database.prisma, { corrector, entryId: entry.id, endedAt: new Date("2027-02-10T08:30:00Z"), reason: "Typo", now: clock.now() }));

    expect(error.fieldErrors?.endedAt).toMatch(/after the start/);
  });

  it("lets an entry move without clashing with itself", async () => {
    const { entry, corrector } = await setup();

    await editEntry(database.prisma, { corrector, entryId: entry.id, startedAt: new Date("2027-02-10T09:10:00Z"), reason: "Started later", now: clock.now() });

    const saved = await database.prisma.timeEntry.findUniqueOrThrow({ where: { id: entry.id }, include: { corrections: true } });
    expect(saved.seconds).toBe(3000);
    expect(saved.corrections).toHaveLength(1);
    expect(saved.corrections[0]?.oldStartedAt?.toISOString()).toBe("2027-02-10T09:00:00.000Z");
    expect(saved.corrections[0]?.reason).toBe("Started later");
  });

  it("rejects overlap on the edit path", async () => {
    const { entry, corrector, task } = await setup();
    const other = await addMissedEntry(database.prisma, { corrector, taskId: task.id, startedAt: new Date("2027-02-10T11:00:00Z"), endedAt: new Date("2027-02-10T11:30:00Z"), reason: "Forgot", now: clock.now() });
    expect(other.entryId).toBeTruthy();

    const error = await rejection(editEntry(database.prisma, { corrector, entryId: entry.id, endedAt: new Date("2027-02-10T11:10:00Z"), reason: "Longer", now: clock.now() }));

    expect(error.fieldErrors?.startedAt).toMatch(/overlaps/);
  });

  it("rejects overlap on the add path", async () => {
    const { corrector, task } = await setup();

    const error = await rejection(
      addMissedEntry(database.prisma, { corrector, taskId: task.id, startedAt: new Date("2027-02-10T09:30:00Z"), endedAt: new Date("2027-02-10T09:45:00Z"), reason: "Forgot", now: clock.now() }),
    );

    expect(error.fieldErrors?.startedAt).toMatch(/overlaps/);
  });

  it("rejects an end in the future and entries over 12 hours", async () => {
    const { corrector, task } = await setup();

    const future = await rejection(
      addMissedEntry(database.prisma, { corrector, taskId: task.id, startedAt: new Date("2027-02-10T17:00:00Z"), endedAt: new Date("2027-02-10T18:30:00Z"), reason: "Later", now: clock.now() }),
    );
    const long = await rejection(
      addMissedEntry(database.prisma, { corrector, taskId: task.id, startedAt: new Date("2027-02-08T00:00:00Z"), endedAt: new Date("2027-02-08T12:00:01Z"), reason: "Long day", now: clock.now() }),
    );

    expect(future.fieldErrors?.endedAt).toMatch(/future/);
    expect(long.fieldErrors?.endedAt).toMatch(/at most 12 hours/);
  });

  it("locks an approved task for the assistant but not for an admin", async () => {
    const { entry, corrector, task } = await setup();
    await database.prisma.task.update({ where: { id: task.id }, data: { status: "completed" } });
    const admin = await createUser(database.prisma, { role: "admin" });

    const error = await rejection(editEntry(database.prisma, { corrector, entryId: entry.id, endedAt: new Date("2027-02-10T09:50:00Z"), reason: "Too long", now: clock.now() }));
    expect(error.message).toMatch(/locked/);

    await editEntry(database.prisma, { corrector: { kind: "admin", userId: admin.id }, entryId: entry.id, endedAt: new Date("2027-02-10T09:50:00Z"), reason: "Client dispute", now: clock.now() });

    expect((await database.prisma.timeEntry.findUniqueOrThrow({ where: { id: entry.id } })).seconds).toBe(3000);
    expect(await database.prisma.auditEvent.count({ where: { entityId: entry.id, action: "time_entry.corrected", actorId: admin.id } })).toBe(1);
  });

  it("hides another assistant's entry as not found", async () => {
    const { entry } = await setup();
    const stranger = await createAssistant(database.prisma);

    const error = await rejection(
      editEntry(database.prisma, { corrector: { kind: "assistant", userId: stranger.userId, assistantId: stranger.id }, entryId: entry.id, endedAt: new Date("2027-02-10T09:30:00Z"), reason: "Mine", now: clock.now() }),
    );

    expect(error.code).toBe("NOT_FOUND");
  });
});
