import type { Db } from "../db/client";
import { AppError, isUniqueViolation } from "../errors";
import { notify } from "../notifications/notify";
import { getSettings } from "../settings";
import { ACTIVE_TASK_STATUSES } from "../routing/eligibility";
import { withdrawPendingOffers } from "./withdraw-offers";
import { formatForReader } from "../time/zoned";

export interface AcceptResult {
  taskId: string;
  assignmentId: string;
  startBy: Date;
  startReminderAt: Date;
}

/**
 * Accepts an offer for the assistant it was made to. Exactly one assistant
 * wins a task: the open-assignment unique index decides a race, and the
 * loser gets a CONFLICT. Pressing accept twice returns the same assignment.
 * The assistant's profile row is locked first, so parallel accepts by one
 * assistant cannot exceed their capacity.
 */
export async function acceptOffer(db: Db, input: { offerId: string; assistantId: string; now: Date }): Promise<AcceptResult> {
  const { offerId, assistantId, now } = input;
  const settings = await getSettings(db);

  try {
    return await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM assistant_profiles WHERE id = ${assistantId} FOR UPDATE`;
      const offer = await tx.offer.findFirst({
        where: { id: offerId, assistantId },
        select: {
          id: true,
          status: true,
          endReason: true,
          expiresAt: true,
          taskId: true,
          assignment: { select: { id: true, startBy: true, startReminderAt: true } },
          assistant: { select: { capacity: true, timeZone: true, user: { select: { name: true } } } },
          task: { select: { title: true, status: true, client: { select: { userId: true } } } },
        },
      });
      if (!offer) {
        throw AppError.notFound("Offer");
      }
      if (offer.status === "accepted" && offer.assignment) {
        return { taskId: offer.taskId, assignmentId: offer.assignment.id, startBy: offer.assignment.startBy, startReminderAt: offer.assignment.startReminderAt };
      }
      if (offer.status === "withdrawn") {
        throw AppError.conflict(
          offer.endReason === "taken_by_another" ? "This task was taken by another assistant." : "This offer was withdrawn.",
        );
      }
      if (offer.status === "declined") {
        throw AppError.conflict("You declined this offer.");
      }
      if (offer.status === "expired" || offer.expiresAt <= now) {
        throw new AppError("PRECONDITION_FAILED", `This offer expired at ${formatForReader(offer.expiresAt, offer.assistant.timeZone)} and can no longer be accepted.`);
      }

      const openAssignments = await tx.assignment.count({
        where: { assistantId, endedAt: null, task: { status: { in: [...ACTIVE_TASK_STATUSES] } } },
      });
      if (openAssignments >= offer.assistant.capacity) {
        throw AppError.conflict(`You already have ${openAssignments} active tasks, your capacity. Finish one before accepting more.`);
      }

      const startBy = new Date(now.getTime() + settings.startWindowSeconds * 1000);
      const startReminderAt = new Date(now.getTime() + settings.startWindowSeconds * settings.startReminderFraction * 1000);
      const assignment = await tx.assignment.create({
        data: { taskId: offer.taskId, assistantId, offerId, acceptedAt: now, startBy, startReminderAt },
        select: { id: true },
      });
      await tx.offer.update({ where: { id: offerId }, data: { status: "accepted", endReason: "accepted", respondedAt: now } });
      await tx.task.update({ where: { id: offer.taskId }, data: { status: "assigned" } });
      await withdrawPendingOffers(tx, { taskId: offer.taskId, reason: "taken_by_another", now });
      await notify(tx, {
        eventKey: `task-accepted:${assignment.id}`,
        userId: offer.task.client.userId,
        kind: "task_accepted",
        title: "An assistant accepted your task",
        body: `${offer.assistant.user.name} accepted “${offer.task.title}”.`,
        link: `/client/tasks/${offer.taskId}`,
        now,
      });

      return { taskId: offer.taskId, assignmentId: assignment.id, startBy, startReminderAt };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw AppError.conflict("This task was taken by another assistant.");
    }
    throw error;
  }
}
