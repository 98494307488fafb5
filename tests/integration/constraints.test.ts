/**
 * The database itself enforces the rules that must hold however many
 * requests race: one running timer per assistant, one open assignment per
 * task, and sane time entry spans. Each case goes through Prisma, as the app
 * does, and names the constraint PostgreSQL reported.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { Prisma } from "~/server/db/generated/client";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createAssignment, createAssistant, createClient, createTask, createTimeEntry } from "../support/factories";

const HOUR_MS = 60 * 60_000;
const PARALLEL_REQUESTS = 10;

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.close();
});

interface DatabaseRejection {
  prismaCode: string;
  /** PostgreSQL's SQLSTATE, such as 23505 for a unique violation. */
  sqlState: string | undefined;
  /** PostgreSQL's own message, which names the violated constraint or index. */
  databaseMessage: string;
}

interface DriverAdapterMeta {
  driverAdapterError?: { cause?: { originalCode?: string; originalMessage?: string } };
}

/** Awaits a Prisma call that must fail, and returns what the database reported. */
async function rejectionOf(operation: Promise<unknown>): Promise<DatabaseRejection> {
  const error: unknown = await operation.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) {
    throw new Error(`Expected a Prisma request error, got: ${String(error)}`);
  }
  const cause = (error.meta as DriverAdapterMeta | undefined)?.driverAdapterError?.cause;

  return {
    prismaCode: error.code,
    sqlState: cause?.originalCode,
    databaseMessage: cause?.originalMessage ?? error.message,
  };
}

describe("one running time entry per assistant", () => {
  it("rejects a second running entry", async () => {
    const db = database.prisma;
    const assistant = await createAssistant(db);
    const task = await createTask(db);
    await createTimeEntry(db, { assistantId: assistant.id, taskId: task.id });

    const rejection = await rejectionOf(createTimeEntry(db, { assistantId: assistant.id, taskId: task.id }));

    expect(rejection.prismaCode).toBe("P2002");
    expect(rejection.sqlState).toBe("23505");
    expect(rejection.databaseMessage).toContain("time_entries_one_running_per_assistant");
  });

  it("allows a new entry after the running one stops", async () => {
    const db = database.prisma;
    const assistant = await createAssistant(db);
    const task = await createTask(db);
    const startedAt = new Date(Date.now() - HOUR_MS);
    const first = await createTimeEntry(db, { assistantId: assistant.id, taskId: task.id, startedAt });
    await db.timeEntry.update({
      where: { id: first.id },
      data: { endedAt: new Date(startedAt.getTime() + HOUR_MS / 2), seconds: 1800 },
    });

    const second = await createTimeEntry(db, { assistantId: assistant.id, taskId: task.id });

    expect(second.endedAt).toBeNull();
  });

  it("allows running entries of different assistants", async () => {
    const db = database.prisma;
    const task = await createTask(db);

    await createTimeEntry(db, { taskId: task.id });
    await createTimeEntry(db, { taskId: task.id });

    expect(await db.timeEntry.count({ where: { taskId: task.id, endedAt: null } })).toBe(2);
  });

  it("keeps one of 10 parallel starts", async () => {
    const db = database.prisma;
    const assistant = await createAssistant(db);
    const task = await createTask(db);

    const results = await Promise.allSettled(
      Array.from({ length: PARALLEL_REQUESTS }, () =>
        db.timeEntry.create({
          data: { taskId: task.id, clientId: task.clientId, assistantId: assistant.id, startedAt: new Date() },
        }),
      ),
    );

    const fulfilled = results.filter((result) => result.status === "fulfilled");
    const rejectedCodes = results.flatMap((result) =>
      result.status === "rejected" && result.reason instanceof Prisma.PrismaClientKnownRequestError ? [result.reason.code] : [],
    );
    expect(fulfilled).toHaveLength(1);
    expect(rejectedCodes).toEqual(Array.from({ length: PARALLEL_REQUESTS - 1 }, () => "P2002"));
    expect(await db.timeEntry.count({ where: { assistantId: assistant.id, endedAt: null } })).toBe(1);
  });
});

describe("one open assignment per task", () => {
  it("rejects a second open assignment", async () => {
    const db = database.prisma;
    const task = await createTask(db);
    await createAssignment(db, { taskId: task.id });

    const rejection = await rejectionOf(createAssignment(db, { taskId: task.id }));

    expect(rejection.prismaCode).toBe("P2002");
    expect(rejection.sqlState).toBe("23505");
    expect(rejection.databaseMessage).toContain("assignments_one_open_per_task");
  });

  it("allows a new assignment after the open one ends", async () => {
    const db = database.prisma;
    const task = await createTask(db);
    const first = await createAssignment(db, { taskId: task.id });
    await db.assignment.update({ where: { id: first.id }, data: { endedAt: new Date(), endReason: "lapsed" } });

    const second = await createAssignment(db, { taskId: task.id });

    expect(second.endedAt).toBeNull();
  });

  it("keeps one of 10 parallel accepts", async () => {
    const db = database.prisma;
    const task = await createTask(db);
    const assistants = await Promise.all(Array.from({ length: PARALLEL_REQUESTS }, () => createAssistant(db)));
    const acceptedAt = new Date();

    const results = await Promise.allSettled(
      assistants.map((assistant) =>
        db.assignment.create({
          data: {
            taskId: task.id,
            assistantId: assistant.id,
            acceptedAt,
            startBy: new Date(acceptedAt.getTime() + HOUR_MS / 4),
            startReminderAt: new Date(acceptedAt.getTime() + HOUR_MS / 8),
          },
        }),
      ),
    );

    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await db.assignment.count({ where: { taskId: task.id, endedAt: null } })).toBe(1);
  });
});

describe("time entry spans", () => {
  const cases = [
    {
      name: "an end before the start",
      constraint: "time_entries_ended_after_started",
      span: { offsetMs: -1000, seconds: 0 },
    },
    {
      name: "an entry longer than 12 hours",
      constraint: "time_entries_at_most_12_hours",
      span: { offsetMs: 12 * HOUR_MS + 1000, seconds: 12 * 3600 + 1 },
    },
    {
      name: "an end without seconds",
      constraint: "time_entries_seconds_match_span",
      span: { offsetMs: HOUR_MS, seconds: null },
    },
  ];

  it.each(cases)("rejects $name", async ({ constraint, span }) => {
    const db = database.prisma;
    const client = await createClient(db);
    const startedAt = new Date(Date.now() - 24 * HOUR_MS);

    const rejection = await rejectionOf(
      createTimeEntry(db, {
        clientId: client.id,
        startedAt,
        endedAt: new Date(startedAt.getTime() + span.offsetMs),
        seconds: span.seconds,
      }),
    );

    expect(rejection.sqlState).toBe("23514");
    expect(rejection.databaseMessage).toContain(constraint);
  });

  it("accepts an entry of exactly 12 hours", async () => {
    const db = database.prisma;
    const startedAt = new Date(Date.now() - 24 * HOUR_MS);

    const entry = await createTimeEntry(db, {
      startedAt,
      endedAt: new Date(startedAt.getTime() + 12 * HOUR_MS),
      seconds: 12 * 3600,
    });

    expect(entry.seconds).toBe(12 * 3600);
  });
});
