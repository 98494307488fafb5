import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { deactivateAssistant, liftBlock, setAssistantSkills } from "~/server/admin/assistant-operations";
import { cancelTask, offerTaskByHand, reassignTask } from "~/server/admin/task-operations";
import { reallocateIfLapsed } from "~/server/assignments/start-window";
import { loadSessionUser } from "~/server/auth/session-user";
import { ManualClock } from "~/server/clock";
import { AppError } from "~/server/errors";
import { startTimer } from "~/server/timer/timer";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createAssignment, createAssistant, createClient, createSkill, createTask, createUser } from "../support/factories";

let database: TestDatabase;
const clock = new ManualClock("2027-10-04T09:00:00Z");
const MINUTE = 60_000;
let adminId = "";

beforeAll(async () => {
  database = await createTestDatabase();
  adminId = (await createUser(database.prisma, { role: "admin" })).id;
});

afterAll(async () => {
  await database.close();
});

async function assignedTask(status: "assigned" | "in_progress" = "assigned") {
  clock.advance(60 * MINUTE);
  const client = await createClient(database.prisma, { trialStartedAt: clock.now() });
  const user = await createUser(database.prisma, { role: "assistant" });
  const assistant = await createAssistant(database.prisma, { userId: user.id });
  const task = await createTask(database.prisma, { clientId: client.id, status });
  const assignment = await createAssignment(database.prisma, { taskId: task.id, assistantId: assistant.id, acceptedAt: clock.now(), startBy: new Date(clock.now().getTime() + 15 * MINUTE), startReminderAt: clock.now() });

  return { client, assistant, user, task, assignment };
}

describe("reassignment", () => {
  it("races a lapse and leaves one owner", async () => {
    const { task, assignment } = await assignedTask();
    const other = await createAssistant(database.prisma);
    clock.advance(15 * MINUTE);

    const results = await Promise.allSettled([
      reallocateIfLapsed(database.prisma, assignment.id, clock.now()),
      reassignTask(database.prisma, { adminId, taskId: task.id, toAssistantId: other.id, expectedAssignmentId: assignment.id, reason: "Client asked for Dev", now: clock.now() }),
    ]);

    const lapsed = results[0].status === "fulfilled" && results[0].value === true;
    const reassigned = results[1].status === "fulfilled";
    expect(lapsed !== reassigned).toBe(true);
    expect(await database.prisma.assignment.count({ where: { taskId: task.id, endedAt: null } })).toBe(reassigned ? 1 : 0);
    const ended = await database.prisma.assignment.findUniqueOrThrow({ where: { id: assignment.id } });
    expect(ended.endReason).toBe(lapsed ? "lapsed" : "reassigned");
  });

  it("stops the running timer and audits the move", async () => {
    const { task, assignment, assistant } = await assignedTask();
    await startTimer(database.prisma, { assistantId: assistant.id, taskId: task.id, now: clock.now() });
    const other = await createAssistant(database.prisma);
    clock.advance(5 * MINUTE);

    await reassignTask(database.prisma, { adminId, taskId: task.id, toAssistantId: other.id, expectedAssignmentId: assignment.id, reason: "Better fit", now: clock.now() });

    const entry = await database.prisma.timeEntry.findFirstOrThrow({ where: { taskId: task.id } });
    expect(entry.seconds).toBe(300);
    expect(entry.stopCause).toBe("task_reassigned");
    expect(await database.prisma.auditEvent.count({ where: { entityId: task.id, action: "task.reassigned", actorId: adminId } })).toBe(1);
  });

  it("rejects a stale expected assignment", async () => {
    const { task } = await assignedTask();
    const other = await createAssistant(database.prisma);

    const error = await reassignTask(database.prisma, { adminId, taskId: task.id, toAssistantId: other.id, expectedAssignmentId: null, reason: "Stale view", now: clock.now() }).catch((caught: unknown) => caught);

    expect((error as AppError).code).toBe("CONFLICT");
  });
});

describe("cancel and offer by hand", () => {
  it("cancel keeps logged time billed", async () => {
    const { task, assistant } = await assignedTask();
    await startTimer(database.prisma, { assistantId: assistant.id, taskId: task.id, now: clock.now() });
    clock.advance(10 * MINUTE);

    await cancelTask(database.prisma, { adminId, taskId: task.id, reason: "Client withdrew it", now: clock.now() });

    expect((await database.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("cancelled");
    expect((await database.prisma.timeEntry.findFirstOrThrow({ where: { taskId: task.id } })).seconds).toBe(600);
  });

  it("offers an unrouted task to a chosen assistant", async () => {
    const client = await createClient(database.prisma, { trialStartedAt: clock.now() });
    // The offer email lists the task's skills, and a brief always has at least one.
    const skill = await createSkill(database.prisma);
    const task = await createTask(database.prisma, { clientId: client.id, status: "unrouted", skills: { create: [{ skillId: skill.id }] } });
    const chosen = await createAssistant(database.prisma);

    await offerTaskByHand(database.prisma, { adminId, taskId: task.id, assistantId: chosen.id, reason: "Knows the client", now: clock.now() });

    expect(await database.prisma.offer.count({ where: { taskId: task.id, assistantId: chosen.id, status: "pending" } })).toBe(1);
    expect((await database.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("routing");
  });
});

describe("assistant management", () => {
  it("deactivation refuses the session and reroutes work", async () => {
    const { user, assistant, task } = await assignedTask();
    expect(await loadSessionUser(database.prisma, user.id)).not.toBeNull();

    const result = await deactivateAssistant(database.prisma, { adminId, assistantId: assistant.id, reason: "Left the platform", now: clock.now() });

    expect(result.tasksRerouted).toBe(1);
    expect(await loadSessionUser(database.prisma, user.id)).toBeNull();
    expect(await database.prisma.assignment.count({ where: { assistantId: assistant.id, endedAt: null } })).toBe(0);
    expect(["routing", "unrouted"]).toContain((await database.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).status);
  });

  it("lifts a block early with a reason", async () => {
    const assistant = await createAssistant(database.prisma);
    await database.prisma.block.create({ data: { assistantId: assistant.id, reason: "2 lapses", startedAt: clock.now(), endsAt: new Date(clock.now().getTime() + 7 * 24 * 60 * MINUTE) } });

    await liftBlock(database.prisma, { adminId, assistantId: assistant.id, reason: "Family emergency", now: clock.now() });

    const block = await database.prisma.block.findFirstOrThrow({ where: { assistantId: assistant.id } });
    expect(block.liftedAt?.toISOString()).toBe(clock.now().toISOString());
    expect(block.liftReason).toBe("Family emergency");
  });

  it("edits skills and rejects unknown ones", async () => {
    const assistant = await createAssistant(database.prisma);
    await createSkill(database.prisma, { slug: "bookkeeping" });

    await setAssistantSkills(database.prisma, { adminId, assistantId: assistant.id, skillSlugs: ["bookkeeping"], now: clock.now() });
    const error = await setAssistantSkills(database.prisma, { adminId, assistantId: assistant.id, skillSlugs: ["juggling"], now: clock.now() }).catch((caught: unknown) => caught);

    expect(await database.prisma.assistantSkill.count({ where: { assistantId: assistant.id } })).toBe(1);
    expect((error as AppError).fieldErrors?.skills).toMatch(/juggling/);
  });
});
