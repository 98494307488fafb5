/**
 * The admin's routers (metrics, admin reads and adminOps) through
 * `createCaller` and tRPC's fetch handler, on a small data set laid out by
 * the factories and a manual clock.
 */
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { readPath, SETTING_FIELDS } from "~/app/(dashboards)/admin/settings/fields";
import { createCaller } from "~/server/api/root";
import { createContextInner } from "~/server/api/trpc";
import { loadSessionUser, type SessionUser } from "~/server/auth/session-user";
import { ManualClock } from "~/server/clock";
import { defaultSettings, settingsSchema } from "~/server/settings";

import { createTestDatabase, type TestDatabase } from "../support/database";
import { createAssignment, createAssistant, createClient, createSkill, createTask, createUser } from "../support/factories";
import { postMutation } from "../support/http-trpc";

const MINUTE = 60_000;
// Monday 4 January 2027 starts the first cohort week, Monday 11 January the second.
const RANGE = { from: "2027-01-04T00:00:00Z", to: "2027-01-18T00:00:00Z" };
const clock = new ManualClock("2027-01-20T09:00:00Z");

let database: TestDatabase;
let admin: SessionUser;
let clientUser: SessionUser;

async function sessionUserOf(userId: string): Promise<SessionUser> {
  const user = await loadSessionUser(database.prisma, userId);
  if (!user) {
    throw new Error(`user ${userId} is not active`);
  }

  return user;
}

function contextFor(user: SessionUser | null) {
  return createContextInner({ db: database.prisma, user, clock });
}

function callerFor(user: SessionUser | null) {
  return createCaller(contextFor(user));
}

/** Awaits a call that must fail and returns its TRPCError. */
async function trpcErrorOf(call: Promise<unknown>): Promise<TRPCError> {
  const error: unknown = await call.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof TRPCError)) {
    throw new Error(`Expected a TRPCError, got: ${String(error)}`);
  }

  return error;
}

/** Creates an assignment accepted at `acceptedAt` (the clock's now by default), with its start window after it. */
function assignmentAt(overrides: Parameters<typeof createAssignment>[1] & { acceptedAt?: Date }) {
  const acceptedAt = overrides.acceptedAt ?? clock.now();

  return createAssignment(database.prisma, {
    startBy: new Date(acceptedAt.getTime() + 15 * MINUTE),
    startReminderAt: new Date(acceptedAt.getTime() + 7 * MINUTE),
    ...overrides,
    acceptedAt,
  });
}

/**
 * Week 1: clients A (no brief) and B (a brief that an assistant accepted).
 * Week 2: client C, whose brief no assistant accepted.
 */
beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.prisma;
  admin = await sessionUserOf((await createUser(db, { role: "admin", name: "Ada Admin" })).id);

  const a = await createClient(db, { trialStartedAt: new Date("2027-01-05T10:00:00Z") });
  clientUser = await sessionUserOf(a.userId);
  const b = await createClient(db, { trialStartedAt: new Date("2027-01-06T10:00:00Z") });
  const c = await createClient(db, { trialStartedAt: new Date("2027-01-12T10:00:00Z") });

  const accepted = await createTask(db, { clientId: b.id, status: "assigned", createdAt: new Date("2027-01-06T11:00:00Z") });
  await assignmentAt({ taskId: accepted.id, acceptedAt: new Date("2027-01-06T11:10:00Z") });
  await createTask(db, { clientId: c.id, status: "unrouted", createdAt: new Date("2027-01-12T11:00:00Z") });
});

afterAll(async () => {
  await database.close();
});

describe("metrics access", () => {
  it("rejects a client with FORBIDDEN", async () => {
    const error = await trpcErrorOf(callerFor(clientUser).metrics.dashboard(RANGE));

    expect(error.code).toBe("FORBIDDEN");
  });

  it("rejects anonymous calls with UNAUTHORIZED", async () => {
    const error = await trpcErrorOf(callerFor(null).metrics.dashboard(RANGE));

    expect(error.code).toBe("UNAUTHORIZED");
  });

  it("rejects a client calling adminOps", async () => {
    const error = await trpcErrorOf(callerFor(clientUser).adminOps.updateSettings({ offerWaveSize: 4 }));

    expect(error.code).toBe("FORBIDDEN");
  });
});

describe("metrics.dashboard", () => {
  it("returns the weekly funnel", async () => {
    const dashboard = await callerFor(admin).metrics.dashboard(RANGE);

    expect(dashboard.funnel).toHaveLength(2);
    expect(dashboard.funnel[0]).toMatchObject({ cohortWeek: "2027-01-04", signups: 2, firstBrief: 1, firstAccepted: 1, trialUsed: 0, converted: 0 });
    expect(dashboard.funnel[0]?.rates.firstBrief).toBe(0.5);
    expect(dashboard.funnel[1]).toMatchObject({ cohortWeek: "2027-01-11", signups: 1, firstBrief: 1, firstAccepted: 0 });
  });

  it("returns the other sections", async () => {
    const dashboard = await callerFor(admin).metrics.dashboard(RANGE);

    expect(dashboard.conversion.overall).toEqual({ trialClients: 3, converted: 0, rate: 0 });
    expect(dashboard.conversionBarTrialClients).toBe(3);
    expect(dashboard.operations.unroutedTasks).toBe(1);
    expect(dashboard.trends.map((week) => week.week)).toEqual(["2027-01-04", "2027-01-11"]);
    expect(dashboard.trends.map((week) => week.signups)).toEqual([2, 1]);
    expect(dashboard.range.from.toISOString()).toBe("2027-01-04T00:00:00.000Z");
  });

  it("rejects a range that ends before it starts", async () => {
    const error = await trpcErrorOf(callerFor(admin).metrics.dashboard({ from: RANGE.to, to: RANGE.from }));

    expect(error.code).toBe("BAD_REQUEST");
  });

  it("rejects an instant without an offset", async () => {
    const error = await trpcErrorOf(callerFor(admin).metrics.dashboard({ from: "2027-01-04T00:00:00", to: RANGE.to }));

    expect(error.code).toBe("BAD_REQUEST");
  });
});

describe("adminOps.updateSettings", () => {
  it("names the field of an invalid value", async () => {
    const result = await postMutation(contextFor(admin), "adminOps.updateSettings", { offerWaveSize: 0 });

    expect(result.ok).toBe(false);
    if (result.ok) {
      return;
    }
    expect(result.status).toBe(400);
    expect(Object.keys(result.fieldErrors ?? {})).toEqual(["offerWaveSize"]);
  });

  it("names the nested field of a plan", async () => {
    const result = await postMutation(contextFor(admin), "adminOps.updateSettings", { planSeconds: { starter: -1, standard: 36_000, pro: 72_000, team: 144_000 } });

    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.fieldErrors).toHaveProperty(["planSeconds.starter"]);
  });

  it("names the timer limit above the entry limit", async () => {
    const result = await postMutation(contextFor(admin), "adminOps.updateSettings", { maxRunningTimerSeconds: 12 * 3600, maxEntrySeconds: 10 * 3600 });

    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.fieldErrors).toHaveProperty(["maxRunningTimerSeconds"]);
  });

  it("rejects an unknown setting", async () => {
    const result = await postMutation(contextFor(admin), "adminOps.updateSettings", { offerWaveSizes: 4 });

    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.status).toBe(400);
  });

  it("stores and audits a valid change", async () => {
    const result = await postMutation(contextFor(admin), "adminOps.updateSettings", { offerLifetimeSeconds: 20 * 60 });

    expect(result.ok).toBe(true);
    const { settings, changes } = await callerFor(admin).admin.settings();
    expect(settings.offerLifetimeSeconds).toBe(1200);
    expect(changes.find((change) => change.key === "offerLifetimeSeconds")?.updatedByName).toBe("Ada Admin");
    const audit = await database.prisma.auditEvent.findFirstOrThrow({ where: { entityType: "setting", entityId: "offerLifetimeSeconds" } });
    expect(audit.actorId).toBe(admin.id);
    expect(audit.before).toEqual({ value: 900 });
    expect(audit.after).toEqual({ value: 1200 });
  });
});

describe("adminOps.reassign", () => {
  it("surfaces CONFLICT for a stale assignment id", async () => {
    const task = await createTask(database.prisma, { status: "assigned" });
    const first = await assignmentAt({ taskId: task.id, endedAt: clock.now(), endReason: "lapsed" });
    await assignmentAt({ taskId: task.id });
    const target = await createAssistant(database.prisma);

    const error = await trpcErrorOf(
      callerFor(admin).adminOps.reassign({ taskId: task.id, toAssistantId: target.id, expectedAssignmentId: first.id, reason: "The client asked for someone else" }),
    );

    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/changed meanwhile/);
  });

  it("moves the task when the id is current", async () => {
    const task = await createTask(database.prisma, { status: "assigned" });
    const current = await assignmentAt({ taskId: task.id });
    const target = await createAssistant(database.prisma);

    const result = await callerFor(admin).adminOps.reassign({ taskId: task.id, toAssistantId: target.id, expectedAssignmentId: current.id, reason: "Better fit" });
    const detail = await callerFor(admin).admin.task({ id: task.id });

    expect(detail.openAssignmentId).toBe(result.assignmentId);
    expect(detail.assignments.map((assignment) => assignment.endReason)).toEqual(["reassigned", null]);
    expect(detail.auditEvents.map((event) => event.action)).toEqual(["task.reassigned"]);
  });
});

describe("admin.unroutedQueue", () => {
  it("offers a waiting task by hand", async () => {
    const skill = await createSkill(database.prisma);
    const assistant = await createAssistant(database.prisma);
    await database.prisma.assistantSkill.create({ data: { assistantId: assistant.id, skillId: skill.id } });
    const task = await createTask(database.prisma, { status: "unrouted", skills: { create: [{ skillId: skill.id }] } });

    const before = await callerFor(admin).admin.unroutedQueue();
    await callerFor(admin).adminOps.offerByHand({ taskId: task.id, assistantId: assistant.id, reason: "Knows this client well" });
    const after = await callerFor(admin).admin.unroutedQueue();

    expect(before.tasks.find((row) => row.id === task.id)?.skills.map((row) => row.slug)).toEqual([skill.slug]);
    expect(before.assistants.find((row) => row.id === assistant.id)?.availability).toEqual({ kind: "available" });
    expect(after.tasks.some((row) => row.id === task.id)).toBe(false);
    const offer = await database.prisma.offer.findFirstOrThrow({ where: { taskId: task.id } });
    expect(offer.assistantId).toBe(assistant.id);
  });

  it("names the reason field when it is too short", async () => {
    const task = await createTask(database.prisma, { status: "unrouted" });
    const assistant = await createAssistant(database.prisma);

    const result = await postMutation(contextFor(admin), "adminOps.offerByHand", { taskId: task.id, assistantId: assistant.id, reason: "x" });

    expect(result.ok ? null : result.fieldErrors).toHaveProperty(["reason"]);
  });
});

describe("admin.assistants", () => {
  it("reports each availability", async () => {
    const now = clock.now();
    const blocked = await createAssistant(database.prisma);
    await database.prisma.block.create({ data: { assistantId: blocked.id, reason: "Two lapses", startedAt: now, endsAt: new Date(now.getTime() + 7 * 24 * 60 * MINUTE) } });
    const away = await createAssistant(database.prisma, { awayUntil: new Date(now.getTime() + 60 * MINUTE) });
    const full = await createAssistant(database.prisma, { capacity: 1 });
    await assignmentAt({ assistantId: full.id, taskId: (await createTask(database.prisma, { status: "in_progress" })).id });
    const gone = await createAssistant(database.prisma, { userId: (await createUser(database.prisma, { role: "assistant", active: false })).id });

    const { assistants } = await callerFor(admin).admin.assistants();
    const kindOf = (id: string) => assistants.find((row) => row.id === id)?.availability.kind;

    expect(kindOf(blocked.id)).toBe("blocked");
    expect(kindOf(away.id)).toBe("away");
    expect(kindOf(full.id)).toBe("at_capacity");
    expect(kindOf(gone.id)).toBe("deactivated");
  });

  it("counts lapses and acceptance in the window", async () => {
    const assistant = await createAssistant(database.prisma);
    const assignment = await assignmentAt({ assistantId: assistant.id, endedAt: clock.now(), endReason: "lapsed" });
    await database.prisma.lapse.create({ data: { assistantId: assistant.id, taskId: assignment.taskId, assignmentId: assignment.id, occurredAt: clock.now() } });
    for (const status of ["accepted", "declined", "expired", "withdrawn"] as const) {
      const task = await createTask(database.prisma);
      await database.prisma.offer.create({
        data: { taskId: task.id, assistantId: assistant.id, wave: 1, status, clientOnTrial: true, score: 0, scoreBreakdown: {}, createdAt: new Date(clock.now().getTime() - 30 * MINUTE), expiresAt: new Date(clock.now().getTime() - 15 * MINUTE) },
      });
    }

    const { assistants } = await callerFor(admin).admin.assistants();
    const row = assistants.find((entry) => entry.id === assistant.id);

    expect(row?.lapses).toBe(1);
    expect(row?.offersAnswered).toBe(3);
    expect(row?.acceptanceRate).toBe(0.3333);
  });
});

describe("adminOps on assistants", () => {
  it("lifts an active block", async () => {
    const now = clock.now();
    const assistant = await createAssistant(database.prisma);
    await database.prisma.block.create({ data: { assistantId: assistant.id, reason: "Two lapses", startedAt: now, endsAt: new Date(now.getTime() + 60 * MINUTE) } });

    await callerFor(admin).adminOps.liftBlock({ assistantId: assistant.id, reason: "Talked it through" });
    const { assistants } = await callerFor(admin).admin.assistants();

    expect(assistants.find((row) => row.id === assistant.id)?.availability).toEqual({ kind: "available" });
    expect(await database.prisma.auditEvent.count({ where: { entityId: assistant.id, action: "assistant.block_lifted" } })).toBe(1);
  });

  it("deactivates an assistant", async () => {
    const assistant = await createAssistant(database.prisma);

    const result = await callerFor(admin).adminOps.deactivateAssistant({ assistantId: assistant.id, reason: "Left the platform" });
    const { assistants } = await callerFor(admin).admin.assistants();
    const choices = await callerFor(admin).admin.unroutedQueue();

    expect(result.tasksRerouted).toBe(0);
    expect(assistants.find((row) => row.id === assistant.id)?.availability).toEqual({ kind: "deactivated" });
    expect(choices.assistants.some((row) => row.id === assistant.id)).toBe(false);
  });

  it("names an unknown skill", async () => {
    const assistant = await createAssistant(database.prisma);

    const result = await postMutation(contextFor(admin), "adminOps.setSkills", { assistantId: assistant.id, skills: ["no-such-skill"] });

    expect(result.ok ? null : result.fieldErrors).toHaveProperty(["skills"]);
  });
});

describe("admin.auditLog", () => {
  it("pages 50 events newest first", async () => {
    const actor = await createUser(database.prisma, { role: "admin" });
    const start = clock.now().getTime();
    await database.prisma.auditEvent.createMany({
      data: Array.from({ length: 55 }, (_, index) => ({ actorId: actor.id, action: "test.event", entityType: "test", entityId: `e${index}`, createdAt: new Date(start + index * MINUTE) })),
    });

    const first = await callerFor(admin).admin.auditLog({ entityType: "test", actorId: actor.id });
    const second = await callerFor(admin).admin.auditLog({ entityType: "test", actorId: actor.id, cursor: first.nextCursor ?? undefined });

    expect(first.events).toHaveLength(50);
    expect(first.events[0]?.entityId).toBe("e54");
    expect(first.nextCursor).not.toBeNull();
    expect(second.events.map((event) => event.entityId)).toEqual(["e4", "e3", "e2", "e1", "e0"]);
    expect(second.nextCursor).toBeNull();
  });

  it("filters events without an actor", async () => {
    await database.prisma.auditEvent.create({ data: { action: "test.system", entityType: "test-system", entityId: "s1", createdAt: clock.now() } });

    const page = await callerFor(admin).admin.auditLog({ actorId: "system", entityType: "test-system" });
    const filters = await callerFor(admin).admin.auditFilters();

    expect(page.events.map((event) => event.action)).toEqual(["test.system"]);
    expect(filters.hasSystemEvents).toBe(true);
    expect(filters.entityTypes).toContain("test-system");
  });
});

describe("settings page fields", () => {
  /** Returns a copy of the default settings with one value, at a dotted path, replaced. */
  function withValue(path: string, value: unknown): Record<string, unknown> {
    const settings = structuredClone(defaultSettings) as unknown as Record<string, unknown>;
    const keys = path.split(".");
    const last = keys.pop() ?? "";
    const parent = keys.reduce((node, key) => node[key] as Record<string, unknown>, settings);
    parent[last] = value;

    return settings;
  }

  it("cover every setting", () => {
    const covered = new Set(SETTING_FIELDS.map((field) => field.path.split(".")[0]));

    expect([...covered].sort()).toEqual(Object.keys(settingsSchema.shape).sort());
    for (const field of SETTING_FIELDS) {
      expect(readPath(defaultSettings, field.path), field.path).not.toBeUndefined();
    }
  });

  it("repeat the schema's bounds", () => {
    for (const field of SETTING_FIELDS) {
      if (field.kind !== "duration" && field.kind !== "count") {
        continue;
      }
      const lowest = field.kind === "duration" && field.minExclusive ? field.min + 1 : field.min;
      expect(settingsSchema.safeParse(withValue(field.path, lowest)).success, `${field.path} accepts ${lowest}`).toBe(true);
      expect(settingsSchema.safeParse(withValue(field.path, lowest - 1)).success, `${field.path} rejects ${lowest - 1}`).toBe(false);
      if (field.max !== undefined) {
        expect(settingsSchema.safeParse(withValue(field.path, field.max)).success, `${field.path} accepts ${field.max}`).toBe(true);
        expect(settingsSchema.safeParse(withValue(field.path, field.max + 1)).success, `${field.path} rejects ${field.max + 1}`).toBe(false);
      }
    }
  });
});
