import { appUrl } from "../app-url";
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import { requireReason } from "./reason";
import { notify } from "../notifications/notify";
import { announceOffer } from "../offers/announce-offer";
import { withdrawPendingOffers } from "../offers/withdraw-offers";
import { getSettings } from "../settings";
import { lockClients, refreshClientProjection, refreshTaskProjection } from "../timer/projection";
import { closeEntry } from "../timer/timer";

type Tx = Prisma.TransactionClient;

/** Stops any running timer on the task at `now`, keeping the logged time billed. */
async function stopTaskTimers(tx: Tx, taskId: string, clientId: string, now: Date, cause: "task_cancelled" | "task_reassigned"): Promise<void> {
  const running = await tx.timeEntry.findMany({ where: { taskId, endedAt: null }, select: { id: true } });
  if (running.length === 0) {
    return;
  }
  await lockClients(tx, [clientId]);
  for (const entry of running) {
    await closeEntry(tx, entry.id, now, cause);
  }
  await refreshClientProjection(tx, clientId, now);
  await refreshTaskProjection(tx, taskId, now);
}

/** The new open assignment of a reassigned task and its start window, which the caller schedules like an accepted offer's. */
export interface ReassignResult {
  taskId: string;
  assignmentId: string;
  startBy: Date;
  startReminderAt: Date;
}

/**
 * Gives the task to a chosen assistant. It is a compare-and-set on the open
 * assignment the admin saw (`expectedAssignmentId`, or none): when a lapse
 * or another admin changed the owner first, nothing changes and the admin
 * gets a CONFLICT, so there is one final owner and one notification each.
 * The new assignment gets the same start window as an accepted offer. The
 * assistant who lost the task and the one who got it each get a
 * notification and an email, and the client gets a notification.
 */
export async function reassignTask(
  db: Db,
  input: { adminId: string; taskId: string; toAssistantId: string; expectedAssignmentId: string | null; reason: string; now: Date },
): Promise<ReassignResult> {
  const reason = requireReason(input.reason);
  const settings = await getSettings(db);
  const { now } = input;

  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM tasks WHERE id = ${input.taskId} FOR UPDATE`;
    const task = await tx.task.findUnique({
      where: { id: input.taskId },
      select: {
        id: true,
        title: true,
        status: true,
        clientId: true,
        client: { select: { userId: true } },
        assignments: { where: { endedAt: null }, select: { id: true, assistantId: true, assistant: { select: { user: { select: { id: true, name: true, email: true } } } } } },
      },
    });
    if (!task) {
      throw AppError.notFound("Task");
    }
    if (task.status === "completed" || task.status === "cancelled") {
      throw new AppError("PRECONDITION_FAILED", `This task is ${task.status}; it cannot be reassigned.`);
    }
    const current = task.assignments[0] ?? null;
    if ((current?.id ?? null) !== input.expectedAssignmentId) {
      throw AppError.conflict("The task's assistant changed meanwhile. Reload to see who has it now.");
    }
    if (current?.assistantId === input.toAssistantId) {
      throw AppError.invalid("toAssistantId", "This assistant already has the task. Choose another assistant.");
    }
    const target = await tx.assistantProfile.findFirst({
      where: { id: input.toAssistantId, user: { active: true } },
      select: { id: true, timeZone: true, user: { select: { id: true, name: true, email: true } } },
    });
    if (!target) {
      throw AppError.invalid("toAssistantId", "Choose an active assistant.");
    }

    if (current) {
      await stopTaskTimers(tx, task.id, task.clientId, now, "task_reassigned");
      const ended = await tx.assignment.updateMany({ where: { id: current.id, endedAt: null }, data: { endedAt: now, endReason: "reassigned" } });
      if (ended.count === 0) {
        throw AppError.conflict("The task's assistant changed meanwhile. Reload to see who has it now.");
      }
      await notify(tx, {
        eventKey: `reassigned-away:${current.id}`,
        userId: current.assistant.user.id,
        kind: "task_reassigned",
        title: "A task moved to another assistant",
        body: `An admin moved “${task.title}” to another assistant. This is not a lapse.`,
        link: "/assistant",
        now,
        email: { to: current.assistant.user.email, template: "task-reassigned", payload: { recipientName: current.assistant.user.name, taskTitle: task.title, dashboardUrl: appUrl("/assistant") } },
      });
    }
    await withdrawPendingOffers(tx, { taskId: task.id, reason: "taken_by_another", now });

    const startBy = new Date(now.getTime() + settings.startWindowSeconds * 1000);
    const startReminderAt = new Date(now.getTime() + settings.startWindowSeconds * settings.startReminderFraction * 1000);
    const assignment = await tx.assignment.create({ data: { taskId: task.id, assistantId: target.id, acceptedAt: now, startBy, startReminderAt }, select: { id: true } });
    await tx.task.update({ where: { id: task.id }, data: { status: "assigned" } });
    await notify(tx, {
      eventKey: `assigned-by-admin:${assignment.id}`,
      userId: target.user.id,
      kind: "task_assigned",
      title: "A task was assigned to you",
      body: `An admin assigned “${task.title}” to you. Start the timer within ${Math.round(settings.startWindowSeconds / 60)} minutes.`,
      link: `/assistant/tasks/${task.id}`,
      now,
      email: {
        to: target.user.email,
        template: "task-assigned",
        payload: { recipientName: target.user.name, taskTitle: task.title, startBy: startBy.toISOString(), timeZone: target.timeZone, taskUrl: appUrl(`/assistant/tasks/${task.id}`) },
      },
    });
    await notify(tx, {
      eventKey: `task-reassigned:${assignment.id}`,
      userId: task.client.userId,
      kind: "task_accepted",
      title: "Your task has a new assistant",
      body: `${target.user.name} is now working on “${task.title}”.`,
      link: `/client/tasks/${task.id}`,
      now,
    });
    await tx.auditEvent.create({
      data: { actorId: input.adminId, action: "task.reassigned", entityType: "task", entityId: task.id, before: { assistantId: current?.assistantId ?? null }, after: { assistantId: target.id }, reason, createdAt: now },
    });

    return { taskId: task.id, assignmentId: assignment.id, startBy, startReminderAt };
  });
}

/** Cancels a task: its running timer stops, logged time stays billed, pending offers are withdrawn. */
export async function cancelTask(db: Db, input: { adminId: string; taskId: string; reason: string; now: Date }): Promise<void> {
  const reason = requireReason(input.reason);
  const { now } = input;
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM tasks WHERE id = ${input.taskId} FOR UPDATE`;
    const task = await tx.task.findUnique({ where: { id: input.taskId }, select: { id: true, status: true, clientId: true } });
    if (!task) {
      throw AppError.notFound("Task");
    }
    if (task.status === "completed" || task.status === "cancelled") {
      throw new AppError("PRECONDITION_FAILED", `This task is already ${task.status}.`);
    }
    await stopTaskTimers(tx, task.id, task.clientId, now, "task_cancelled");
    await tx.assignment.updateMany({ where: { taskId: task.id, endedAt: null }, data: { endedAt: now, endReason: "cancelled" } });
    await withdrawPendingOffers(tx, { taskId: task.id, reason: "task_cancelled", now });
    await tx.task.update({ where: { id: task.id }, data: { status: "cancelled", cancelledAt: now, autoApproveAt: null } });
    await tx.auditEvent.create({ data: { actorId: input.adminId, action: "task.cancelled", entityType: "task", entityId: task.id, before: { status: task.status }, after: { status: "cancelled" }, reason, createdAt: now } });
  });
}

/** The offer an admin made by hand, with the wave and expiry the caller schedules like a routed wave's. */
export interface HandOfferResult {
  offerId: string;
  wave: number;
  expiresAt: Date;
}

/**
 * Offers a task that is still looking for an assistant to a chosen one, as
 * a new wave of one. The assistant gets the same notification and email as
 * for a routed offer, and the offer lasts the usual offer lifetime.
 */
export async function offerTaskByHand(db: Db, input: { adminId: string; taskId: string; assistantId: string; reason: string; now: Date }): Promise<HandOfferResult> {
  const reason = requireReason(input.reason);
  const settings = await getSettings(db);
  const { now } = input;

  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM tasks WHERE id = ${input.taskId} FOR UPDATE`;
    const task = await tx.task.findUnique({
      where: { id: input.taskId },
      select: {
        id: true,
        title: true,
        status: true,
        currentWave: true,
        client: { select: { subscriptions: { select: { id: true }, take: 1 } } },
        skills: { select: { skill: { select: { name: true } } } },
      },
    });
    if (!task) {
      throw AppError.notFound("Task");
    }
    if (task.status !== "unrouted" && task.status !== "routing") {
      throw new AppError("PRECONDITION_FAILED", "Only a task that is still looking for an assistant can be offered by hand.");
    }
    const assistant = await tx.assistantProfile.findFirst({
      where: { id: input.assistantId, user: { active: true } },
      select: { id: true, timeZone: true, user: { select: { id: true, name: true, email: true } } },
    });
    if (!assistant) {
      throw AppError.invalid("assistantId", "Choose an active assistant.");
    }
    const already = await tx.offer.findUnique({ where: { taskId_assistantId: { taskId: task.id, assistantId: assistant.id } }, select: { id: true } });
    if (already) {
      throw AppError.invalid("assistantId", "This assistant was already offered this task.");
    }

    const wave = task.currentWave + 1;
    const onTrial = task.client.subscriptions.length === 0;
    const expiresAt = new Date(now.getTime() + settings.offerLifetimeSeconds * 1000);
    const offer = await tx.offer.create({
      data: { taskId: task.id, assistantId: assistant.id, wave, clientOnTrial: onTrial, score: 0, scoreBreakdown: { factors: {}, total: 0, audience: "admin", reason }, createdAt: now, expiresAt },
      select: { id: true },
    });
    await tx.task.update({ where: { id: task.id }, data: { status: "routing", currentWave: wave } });
    await tx.assistantProfile.update({ where: { id: assistant.id }, data: { lastOfferedAt: now } });
    await announceOffer(tx, {
      task: { id: task.id, title: task.title, onTrial, skillNames: task.skills.map((row) => row.skill.name) },
      recipient: { assistantId: assistant.id, userId: assistant.user.id, name: assistant.user.name, email: assistant.user.email, timeZone: assistant.timeZone },
      expiresAt,
      now,
      chosenByAdmin: true,
    });
    await tx.auditEvent.create({ data: { actorId: input.adminId, action: "task.offered_by_hand", entityType: "task", entityId: task.id, after: { assistantId: assistant.id }, reason, createdAt: now } });

    return { offerId: offer.id, wave, expiresAt };
  });
}
