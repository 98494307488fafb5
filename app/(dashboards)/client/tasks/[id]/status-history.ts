import type { AssignmentEndReason, ReviewDecision } from "~/server/db/generated/client";

/** The parts of a task that its history is built from, as `client.task` returns them. */
export interface TaskHistorySource {
  createdAt: Date;
  cancelledAt: Date | null;
  waves: Array<{ wave: number; sentAt: Date }>;
  assignments: Array<{
    assistantName: string;
    acceptedAt: Date;
    firstStartedAt: Date | null;
    endedAt: Date | null;
    endReason: AssignmentEndReason | null;
  }>;
  handoffs: Array<{ createdAt: Date; extraMinutesNeeded: number; resolvedAt: Date | null }>;
  deliveries: Array<{
    createdAt: Date;
    review: { decision: ReviewDecision; rating: number | null; automatic: boolean; createdAt: Date } | null;
  }>;
}

export interface HistoryEvent {
  at: Date;
  text: string;
}

function reviewText(review: NonNullable<TaskHistorySource["deliveries"][number]["review"]>): string {
  if (review.decision === "changes_requested") {
    return "You asked for changes";
  }
  if (review.automatic) {
    return "Approved automatically at the end of the review period";
  }

  return review.rating === null ? "You approved the work" : `You approved the work and rated it ${review.rating} out of 5`;
}

/** Lists what happened to a task, oldest first. */
export function buildStatusHistory(task: TaskHistorySource): HistoryEvent[] {
  const events: HistoryEvent[] = [{ at: task.createdAt, text: "Brief sent" }];

  for (const wave of task.waves) {
    events.push({ at: wave.sentAt, text: wave.wave === 1 ? "Offered to matching assistants" : "Offered to more assistants" });
  }
  for (const assignment of task.assignments) {
    events.push({ at: assignment.acceptedAt, text: `${assignment.assistantName} accepted the task` });
    if (assignment.firstStartedAt) {
      events.push({ at: assignment.firstStartedAt, text: `${assignment.assistantName} started work` });
    }
    if (assignment.endedAt && assignment.endReason === "lapsed") {
      events.push({ at: assignment.endedAt, text: "The assistant did not start in time, so we are finding another" });
    }
    if (assignment.endedAt && (assignment.endReason === "reassigned" || assignment.endReason === "assistant_deactivated")) {
      events.push({ at: assignment.endedAt, text: "The task moved to another assistant" });
    }
  }
  for (const handoff of task.handoffs) {
    events.push({ at: handoff.createdAt, text: `Time ran out; the assistant asks for ${handoff.extraMinutesNeeded} more minutes` });
    if (handoff.resolvedAt) {
      events.push({ at: handoff.resolvedAt, text: "More time was added" });
    }
  }
  for (const delivery of task.deliveries) {
    events.push({ at: delivery.createdAt, text: "Work delivered for your review" });
    if (delivery.review) {
      events.push({ at: delivery.review.createdAt, text: reviewText(delivery.review) });
    }
  }
  if (task.cancelledAt) {
    events.push({ at: task.cancelledAt, text: "Task cancelled" });
  }

  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}
