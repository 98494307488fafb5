import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { appUrl } from "../app-url";
import { AppError } from "../errors";
import { notify } from "../notifications/notify";
import { getSettings } from "../settings";
import { formatForReader } from "../time/zoned";

type Tx = Prisma.TransactionClient;

interface ReviewTarget {
  id: string;
  title: string;
  deliveryId: string;
  assistantUser: { id: string; name: string };
}

/** Loads an in-review task with its latest delivery, locking the task row. */
async function loadInReview(tx: Tx, taskId: string, clientId: string | null): Promise<ReviewTarget | null> {
  await tx.$queryRaw`SELECT id FROM tasks WHERE id = ${taskId} FOR UPDATE`;
  const task = await tx.task.findFirst({
    where: { id: taskId, ...(clientId ? { clientId } : {}) },
    select: {
      id: true,
      title: true,
      status: true,
      deliveries: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true, assistant: { select: { user: { select: { id: true, name: true } } } } } },
    },
  });
  if (!task) {
    return null;
  }
  const delivery = task.deliveries[0];
  if (task.status !== "in_review" || !delivery) {
    throw new AppError("PRECONDITION_FAILED", "This task is not waiting for a review.");
  }

  return { id: task.id, title: task.title, deliveryId: delivery.id, assistantUser: delivery.assistant.user };
}

async function complete(tx: Tx, target: ReviewTarget, input: { reviewerId: string | null; rating: number | null; comment: string | null; automatic: boolean; now: Date }) {
  await tx.review.create({
    data: { taskId: target.id, deliveryId: target.deliveryId, reviewerId: input.reviewerId, decision: "approved", rating: input.rating, comment: input.comment, automatic: input.automatic, createdAt: input.now },
  });
  await tx.task.update({ where: { id: target.id }, data: { status: "completed", completedAt: input.now, autoApproveAt: null } });
  await tx.assignment.updateMany({ where: { taskId: target.id, endedAt: null }, data: { endedAt: input.now, endReason: "completed" } });
  await notify(tx, {
    eventKey: `approved:${target.deliveryId}`,
    userId: target.assistantUser.id,
    kind: "approved",
    title: input.automatic ? "Your work was approved automatically" : "Your work was approved",
    body: input.rating ? `“${target.title}” was approved with ${input.rating} of 5 stars.` : `“${target.title}” was approved.`,
    link: "/assistant/history",
    now: input.now,
    email: {
      template: "approved",
      payload: { recipientName: target.assistantUser.name, taskTitle: target.title, automatic: input.automatic, rating: input.rating, comment: input.comment, taskUrl: appUrl("/assistant/history") },
    },
  });
}

/** Approves the delivered work, with an optional 1–5 rating and comment, and completes the task. */
export async function approveWork(db: Db, input: { clientId: string; reviewerId: string; taskId: string; rating?: number | null; comment?: string | null; now: Date }): Promise<void> {
  const rating = input.rating ?? null;
  if (rating !== null && (!Number.isInteger(rating) || rating < 1 || rating > 5)) {
    throw AppError.invalid("rating", "Rating must be a whole number from 1 to 5.");
  }
  const comment = input.comment?.trim() || null;
  if (comment && comment.length > 2000) {
    throw AppError.invalid("comment", "Comment must be at most 2,000 characters.");
  }

  await db.$transaction(async (tx) => {
    const target = await loadInReview(tx, input.taskId, input.clientId);
    if (!target) {
      throw AppError.notFound("Task");
    }
    await complete(tx, target, { reviewerId: input.reviewerId, rating, comment, automatic: false, now: input.now });
  });
}

/** Sends the work back to the same assistant with the client's note. */
export async function requestChanges(db: Db, input: { clientId: string; reviewerId: string; taskId: string; note: string; now: Date }): Promise<void> {
  const note = input.note.trim();
  if (note.length < 3 || note.length > 5000) {
    throw AppError.invalid("note", "Say what to change in 3 to 5,000 characters.");
  }

  await db.$transaction(async (tx) => {
    const target = await loadInReview(tx, input.taskId, input.clientId);
    if (!target) {
      throw AppError.notFound("Task");
    }
    const client = await tx.clientAccount.findUniqueOrThrow({ where: { id: input.clientId }, select: { companyName: true } });
    await tx.review.create({ data: { taskId: target.id, deliveryId: target.deliveryId, reviewerId: input.reviewerId, decision: "changes_requested", comment: note, createdAt: input.now } });
    await tx.task.update({ where: { id: target.id }, data: { status: "in_progress", autoApproveAt: null } });
    await notify(tx, {
      eventKey: `changes-requested:${target.deliveryId}`,
      userId: target.assistantUser.id,
      kind: "changes_requested",
      title: "The client requested changes",
      body: `“${target.title}”: ${note.slice(0, 200)}`,
      link: `/assistant/tasks/${target.id}`,
      now: input.now,
      email: {
        template: "changes-requested",
        payload: { recipientName: target.assistantUser.name, clientName: client.companyName, taskTitle: target.title, note, taskUrl: appUrl(`/assistant/tasks/${target.id}`) },
      },
    });
  });
}

/**
 * Reminds clients of work waiting for review (two reminders, each once) and
 * approves automatically when the review period ends.
 */
export async function applyReviewDeadlines(db: Db, now: Date, taskId?: string): Promise<{ reminded: number; approved: number }> {
  const settings = await getSettings(db);
  const tasks = await db.task.findMany({ where: { status: "in_review", autoApproveAt: { not: null }, ...(taskId ? { id: taskId } : {}) }, select: { id: true, autoApproveAt: true, reviewRemindersSent: true } });
  let reminded = 0;
  let approved = 0;
  const reminderOffsets = settings.reviewReminderSecondsBefore.filter((seconds) => seconds < settings.autoApproveSeconds);

  for (const task of tasks) {
    const autoApproveAt = task.autoApproveAt;
    if (!autoApproveAt) {
      continue;
    }
    if (autoApproveAt <= now) {
      const done = await db.$transaction(async (tx) => {
        const target = await loadInReview(tx, task.id, null).catch(() => null);
        if (!target) {
          return false;
        }
        await complete(tx, target, { reviewerId: null, rating: null, comment: null, automatic: true, now: autoApproveAt });

        return true;
      });
      approved += done ? 1 : 0;
      continue;
    }

    const due = reminderOffsets.filter((seconds) => autoApproveAt.getTime() - seconds * 1000 <= now.getTime()).length;
    if (due > task.reviewRemindersSent) {
      const sent = await db.$transaction(async (tx) => {
        const claimed = await tx.task.updateMany({ where: { id: task.id, status: "in_review", reviewRemindersSent: task.reviewRemindersSent }, data: { reviewRemindersSent: due } });
        if (claimed.count === 0) {
          return false;
        }
        const full = await tx.task.findUniqueOrThrow({
          where: { id: task.id },
          select: {
            title: true,
            client: { select: { timeZone: true, user: { select: { id: true, name: true } } } },
            deliveries: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true, assistant: { select: { user: { select: { name: true } } } } } },
          },
        });
        await notify(tx, {
          eventKey: `review-reminder:${full.deliveries[0]?.id ?? task.id}:${due}`,
          userId: full.client.user.id,
          kind: "review_reminder",
          title: "Work is waiting for your review",
          body: `“${full.title}” is approved automatically on ${formatForReader(autoApproveAt, full.client.timeZone, { dateOnly: true })} unless you review it.`,
          link: `/client/tasks/${task.id}`,
          now,
          email: {
            template: "review-reminder",
            payload: {
              recipientName: full.client.user.name,
              assistantName: full.deliveries[0]?.assistant.user.name ?? "Your assistant",
              taskTitle: full.title,
              autoApproveAt: autoApproveAt.toISOString(),
              timeZone: full.client.timeZone,
              taskUrl: appUrl(`/client/tasks/${task.id}`),
            },
          },
        });

        return true;
      });
      reminded += sent ? 1 : 0;
    }
  }

  return { reminded, approved };
}
