/**
 * Row factories for tests: one function per entity, each taking a Prisma
 * client and optional column overrides, and returning the created row.
 * A factory creates any parent row that the overrides do not name, so
 * `createTimeEntry(db)` alone builds a user, client, task and assistant.
 * Defaults describe the plain case: a trial client, an available assistant
 * with capacity 3, a task open to anyone, a running timer started now.
 */
import { randomUUID } from "node:crypto";

import type { Db } from "~/server/db/client";
import type {
  Assignment,
  AssistantProfile,
  ClientAccount,
  Offer,
  Prisma,
  Skill,
  Task,
  TimeEntry,
  User,
} from "~/server/db/generated/client";

const MINUTE_MS = 60_000;

/** Returns a short random suffix that keeps unique columns (email, slug) apart within one database. */
function uniqueSuffix(): string {
  return randomUUID().slice(0, 8);
}

export async function createUser(db: Db, overrides: Partial<Prisma.UserUncheckedCreateInput> = {}): Promise<User> {
  const suffix = uniqueSuffix();

  return db.user.create({
    data: {
      email: `user-${suffix}@example.test`,
      name: `User ${suffix}`,
      role: "client",
      ...overrides,
    },
  });
}

export async function createClient(
  db: Db,
  overrides: Partial<Prisma.ClientAccountUncheckedCreateInput> = {},
): Promise<ClientAccount> {
  const userId = overrides.userId ?? (await createUser(db, { role: "client" })).id;

  return db.clientAccount.create({
    data: {
      companyName: "Example Ltd",
      timeZone: "UTC",
      trialStartedAt: new Date(),
      trialSeconds: 60 * 60,
      ...overrides,
      userId,
    },
  });
}

export async function createAssistant(
  db: Db,
  overrides: Partial<Prisma.AssistantProfileUncheckedCreateInput> = {},
): Promise<AssistantProfile> {
  const userId = overrides.userId ?? (await createUser(db, { role: "assistant" })).id;

  return db.assistantProfile.create({
    data: {
      timeZone: "UTC",
      capacity: 3,
      ...overrides,
      userId,
    },
  });
}

export async function createSkill(db: Db, overrides: Partial<Prisma.SkillUncheckedCreateInput> = {}): Promise<Skill> {
  const suffix = uniqueSuffix();

  return db.skill.create({
    data: {
      slug: `skill-${suffix}`,
      name: `Skill ${suffix}`,
      category: "General",
      ...overrides,
    },
  });
}

export async function createTask(db: Db, overrides: Partial<Prisma.TaskUncheckedCreateInput> = {}): Promise<Task> {
  const clientId = overrides.clientId ?? (await createClient(db)).id;

  return db.task.create({
    data: {
      title: "Tidy the shared inbox",
      description: "Archive newsletters and flag anything from customers.",
      // The column is NOT NULL, and Prisma sends no value for a list the input omits.
      referenceLinks: [],
      preference: "anyone",
      ...overrides,
      clientId,
    },
  });
}

export async function createOffer(db: Db, overrides: Partial<Prisma.OfferUncheckedCreateInput> = {}): Promise<Offer> {
  const taskId = overrides.taskId ?? (await createTask(db)).id;
  const assistantId = overrides.assistantId ?? (await createAssistant(db)).id;
  const createdAt = new Date();

  return db.offer.create({
    data: {
      wave: 1,
      clientOnTrial: true,
      score: 0,
      scoreBreakdown: {},
      createdAt,
      expiresAt: new Date(createdAt.getTime() + 15 * MINUTE_MS),
      ...overrides,
      taskId,
      assistantId,
    },
  });
}

export async function createAssignment(
  db: Db,
  overrides: Partial<Prisma.AssignmentUncheckedCreateInput> = {},
): Promise<Assignment> {
  const taskId = overrides.taskId ?? (await createTask(db)).id;
  const assistantId = overrides.assistantId ?? (await createAssistant(db)).id;
  const acceptedAt = new Date();

  return db.assignment.create({
    data: {
      acceptedAt,
      startBy: new Date(acceptedAt.getTime() + 15 * MINUTE_MS),
      startReminderAt: new Date(acceptedAt.getTime() + 7.5 * MINUTE_MS),
      ...overrides,
      taskId,
      assistantId,
    },
  });
}

/** Creates a time entry, running (no end) unless the overrides set `endedAt` and `seconds`. */
export async function createTimeEntry(
  db: Db,
  overrides: Partial<Prisma.TimeEntryUncheckedCreateInput> = {},
): Promise<TimeEntry> {
  const task = overrides.taskId
    ? await db.task.findUniqueOrThrow({ where: { id: overrides.taskId }, select: { id: true, clientId: true } })
    : await createTask(db, overrides.clientId ? { clientId: overrides.clientId } : {});
  const assistantId = overrides.assistantId ?? (await createAssistant(db)).id;

  return db.timeEntry.create({
    data: {
      startedAt: new Date(),
      ...overrides,
      taskId: task.id,
      clientId: overrides.clientId ?? task.clientId,
      assistantId,
    },
  });
}
