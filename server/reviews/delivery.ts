import type { Db } from "../db/client";
import { appUrl } from "../app-url";
import { AppError } from "../errors";
import { notify } from "../notifications/notify";
import { getSettings } from "../settings";
import { lockClients, refreshClientProjection, refreshTaskProjection } from "../timer/projection";
import { closeEntry } from "../timer/timer";

/**
 * Submits the assistant's work for review: stops the running timer, stores
 * the delivery note and links, moves the task to in review with its
 * auto-approval instant, and notifies the client.
 */
export async function submitForReview(
  db: Db,
  input: { assistantId: string; taskId: string; note: string; links: string[]; timeLogConfirmed: boolean; now: Date },
): Promise<{ deliveryId: string; autoApproveAt: Date }> {
  const note = input.note.trim();
  if (note.length < 10 || note.length > 10_000) {
    throw AppError.invalid("note", "Describe what was done in 10 to 10,000 characters.");
  }
  if (!input.timeLogConfirmed) {
    throw AppError.invalid("timeLogConfirmed", "Confirm that the time log is correct before submitting.");
  }
  const settings = await getSettings(db);
  const { now } = input;

  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM tasks WHERE id = ${input.taskId} FOR UPDATE`;
    const assignment = await tx.assignment.findFirst({
      where: { taskId: input.taskId, assistantId: input.assistantId, endedAt: null },
      select: {
        task: { select: { status: true, title: true, clientId: true, client: { select: { timeZone: true, user: { select: { id: true, name: true } } } } } },
        assistant: { select: { user: { select: { name: true } } } },
      },
    });
    if (!assignment) {
      throw new AppError("NOT_FOUND", "This task is not assigned to you.");
    }
    const task = assignment.task;
    if (!["assigned", "in_progress", "out_of_time"].includes(task.status)) {
      throw new AppError("PRECONDITION_FAILED", `This task is ${task.status.replace("_", " ")}, so it cannot be submitted.`);
    }

    const running = await tx.timeEntry.findFirst({ where: { taskId: input.taskId, assistantId: input.assistantId, endedAt: null }, select: { id: true } });
    if (running) {
      await lockClients(tx, [task.clientId]);
      await closeEntry(tx, running.id, now, "submitted");
      await refreshClientProjection(tx, task.clientId, now);
      await refreshTaskProjection(tx, input.taskId, now);
    }

    const autoApproveAt = new Date(now.getTime() + settings.autoApproveSeconds * 1000);
    const delivery = await tx.delivery.create({
      data: { taskId: input.taskId, assistantId: input.assistantId, note, links: input.links, timeLogConfirmed: true, createdAt: now },
      select: { id: true },
    });
    await tx.task.update({ where: { id: input.taskId }, data: { status: "in_review", autoApproveAt, reviewRemindersSent: 0 } });
    await notify(tx, {
      eventKey: `ready-for-review:${delivery.id}`,
      userId: task.client.user.id,
      kind: "ready_for_review",
      title: "Work is ready for your review",
      body: `${assignment.assistant.user.name} submitted “${task.title}”.`,
      link: `/client/tasks/${input.taskId}`,
      now,
      email: {
        template: "ready-for-review",
        payload: {
          recipientName: task.client.user.name,
          assistantName: assignment.assistant.user.name,
          taskTitle: task.title,
          deliveryNote: note,
          autoApproveAt: autoApproveAt.toISOString(),
          timeZone: task.client.timeZone,
          taskUrl: appUrl(`/client/tasks/${input.taskId}`),
        },
      },
    });

    return { deliveryId: delivery.id, autoApproveAt };
  });
}
