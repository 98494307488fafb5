/**
 * The people and rows the authorization matrix calls every procedure with:
 * a client and an assistant who share tasks, another client and another
 * assistant who share nothing with them, and an admin. Each builder makes
 * fresh rows, so one procedure's allowed mutation cannot change the rows
 * of the next procedure.
 */
import { randomUUID } from "node:crypto";

import { loadSessionUser, type SessionUser } from "~/server/auth/session-user";
import type { Db } from "~/server/db/client";

import { createAssignment, createAssistant, createClient, createOffer, createSkill, createTask, createTimeEntry, createUser } from "./factories";

export const PERSONAS = ["anonymous", "client", "otherClient", "assistant", "otherAssistant", "admin"] as const;
export type Persona = (typeof PERSONAS)[number];

const MINUTE_MS = 60_000;

export interface AuthorizationWorld {
  users: Record<Persona, SessionUser | null>;
  clientId: string;
  assistantId: string;
  otherAssistantId: string;
  skillSlug: string;
  /** A task of the client, assigned to the assistant and started, with one finished entry. */
  taskInProgress(): Promise<{ taskId: string; entryId: string }>;
  /** A task of the client that the assistant delivered and the client has not reviewed. */
  taskInReview(): Promise<{ taskId: string }>;
  /** A task of the client that ran out of time while the assistant worked on it. */
  taskOutOfTime(): Promise<{ taskId: string }>;
  /** A task in progress with one message from the client to the assistant. */
  taskWithMessage(): Promise<{ taskId: string; messageId: string }>;
  /** A pending offer to the assistant on a new task of the client. */
  pendingOffer(): Promise<{ taskId: string; offerId: string }>;
  /** A task of the client that no assistant could be found for. */
  unroutedTask(): Promise<{ taskId: string }>;
  /** A new assistant who belongs to nobody's task, for admin actions that change an assistant. */
  spareAssistantId(): Promise<string>;
  /** An unread notification of the client. */
  clientNotification(): Promise<{ id: string }>;
  /** A top-up purchase of the client. */
  clientPurchase(): Promise<{ purchaseId: string }>;
}

async function sessionUserOf(db: Db, userId: string): Promise<SessionUser> {
  const user = await loadSessionUser(db, userId);
  if (!user) {
    throw new Error(`user ${userId} is not active`);
  }

  return user;
}

/** Builds the five signed-in people and the row builders, with every instant taken from `now`. */
export async function buildAuthorizationWorld(db: Db, now: Date): Promise<AuthorizationWorld> {
  const skill = await createSkill(db, { slug: `matrix-${randomUUID().slice(0, 8)}` });
  const client = await createClient(db, { trialStartedAt: now, companyName: "Matrix Client Ltd" });
  const otherClient = await createClient(db, { trialStartedAt: now, companyName: "Other Client Ltd" });
  const assistant = await createAssistant(db, { skills: { create: [{ skillId: skill.id }] } });
  const otherAssistant = await createAssistant(db, { skills: { create: [{ skillId: skill.id }] } });
  const admin = await createUser(db, { role: "admin", name: "Matrix Admin" });

  const users: Record<Persona, SessionUser | null> = {
    anonymous: null,
    client: await sessionUserOf(db, client.userId),
    otherClient: await sessionUserOf(db, otherClient.userId),
    assistant: await sessionUserOf(db, assistant.userId),
    otherAssistant: await sessionUserOf(db, otherAssistant.userId),
    admin: await sessionUserOf(db, admin.id),
  };

  const earlier = (minutes: number) => new Date(now.getTime() - minutes * MINUTE_MS);
  const later = (minutes: number) => new Date(now.getTime() + minutes * MINUTE_MS);

  async function assignedTask(status: "in_progress" | "in_review" | "out_of_time") {
    const task = await createTask(db, { clientId: client.id, status, skills: { create: [{ skillId: skill.id }] } });
    await createAssignment(db, { taskId: task.id, assistantId: assistant.id, acceptedAt: earlier(60), startBy: earlier(45), startReminderAt: earlier(52), firstStartedAt: earlier(50) });
    const entry = await createTimeEntry(db, { taskId: task.id, assistantId: assistant.id, startedAt: earlier(50), endedAt: earlier(40), seconds: 600 });

    return { taskId: task.id, entryId: entry.id };
  }

  return {
    users,
    clientId: client.id,
    assistantId: assistant.id,
    otherAssistantId: otherAssistant.id,
    skillSlug: skill.slug,
    taskInProgress: () => assignedTask("in_progress"),
    taskInReview: async () => {
      const { taskId } = await assignedTask("in_review");
      await db.task.update({ where: { id: taskId }, data: { autoApproveAt: later(7 * 24 * 60) } });
      await db.delivery.create({ data: { taskId, assistantId: assistant.id, note: "Done, see the shared folder.", links: [], timeLogConfirmed: true, createdAt: earlier(30) } });

      return { taskId };
    },
    taskOutOfTime: async () => {
      const { taskId } = await assignedTask("out_of_time");

      return { taskId };
    },
    taskWithMessage: async () => {
      const { taskId } = await assignedTask("in_progress");
      const message = await db.message.create({ data: { taskId, authorId: client.userId, body: "Can you start with the March invoices?", createdAt: earlier(5) } });

      return { taskId, messageId: message.id };
    },
    pendingOffer: async () => {
      const task = await createTask(db, { clientId: client.id, status: "routing", skills: { create: [{ skillId: skill.id }] } });
      const offer = await createOffer(db, { taskId: task.id, assistantId: assistant.id, createdAt: earlier(1), expiresAt: later(14) });

      return { taskId: task.id, offerId: offer.id };
    },
    unroutedTask: async () => {
      const task = await createTask(db, { clientId: client.id, status: "unrouted", skills: { create: [{ skillId: skill.id }] } });

      return { taskId: task.id };
    },
    spareAssistantId: async () => (await createAssistant(db, { skills: { create: [{ skillId: skill.id }] } })).id,
    clientNotification: async () => {
      const notification = await db.notification.create({
        data: { userId: client.userId, kind: "task-accepted", title: "Task accepted", body: "An assistant accepted your task.", eventKey: `matrix-${randomUUID()}`, createdAt: earlier(5) },
      });

      return { id: notification.id };
    },
    clientPurchase: async () => {
      const purchase = await db.purchase.create({
        data: { clientId: client.id, kind: "top_up", seconds: 3600, idempotencyKey: randomUUID(), provider: "built-in", createdAt: earlier(10) },
      });

      return { purchaseId: purchase.id };
    },
  };
}
