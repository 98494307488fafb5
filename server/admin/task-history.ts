import { emailSubject } from "~/emails";

import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import { loadAssistants } from "./roster";

const taskDetailSelect = {
  id: true,
  title: true,
  description: true,
  status: true,
  preference: true,
  fallThroughReason: true,
  currentWave: true,
  reallocationCount: true,
  timeLimitSeconds: true,
  dueAt: true,
  createdAt: true,
  completedAt: true,
  cancelledAt: true,
  client: { select: { id: true, companyName: true, timeZone: true, user: { select: { name: true, email: true } } } },
  skills: { select: { skill: { select: { slug: true, name: true } } } },
  offers: {
    orderBy: [{ wave: "asc" }, { score: "desc" }],
    select: {
      id: true,
      wave: true,
      status: true,
      endReason: true,
      declineReason: true,
      declineNote: true,
      clientOnTrial: true,
      score: true,
      scoreBreakdown: true,
      createdAt: true,
      expiresAt: true,
      respondedAt: true,
      assistant: { select: { id: true, user: { select: { name: true } } } },
    },
  },
  assignments: {
    orderBy: { acceptedAt: "asc" },
    select: {
      id: true,
      offerId: true,
      acceptedAt: true,
      startBy: true,
      firstStartedAt: true,
      endedAt: true,
      endReason: true,
      assistant: { select: { id: true, user: { select: { name: true } } } },
    },
  },
  timeEntries: {
    orderBy: { startedAt: "asc" },
    select: {
      id: true,
      startedAt: true,
      endedAt: true,
      seconds: true,
      source: true,
      stopCause: true,
      flagged: true,
      coveredByPlatform: true,
      assistant: { select: { user: { select: { name: true } } } },
      corrections: {
        orderBy: { createdAt: "asc" },
        select: { id: true, reason: true, oldStartedAt: true, oldEndedAt: true, newStartedAt: true, newEndedAt: true, createdAt: true, actor: { select: { name: true } } },
      },
    },
  },
  handoffs: { orderBy: { createdAt: "asc" }, select: { id: true, achieved: true, extraMinutesNeeded: true, createdAt: true, resolvedAt: true, assistant: { select: { user: { select: { name: true } } } } } },
  deliveries: {
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      note: true,
      createdAt: true,
      assistant: { select: { user: { select: { name: true } } } },
      review: { select: { decision: true, rating: true, comment: true, automatic: true, createdAt: true } },
    },
  },
} satisfies Prisma.TaskSelect;

/**
 * Loads the outbox emails about a task. Event keys name the record an
 * email is about (`offer-withdrawn:<offerId>`, `start-reminder:<assignmentId>`
 * and so on), so any key that contains the id of the task or of one of its
 * offers, assignments, entries, handoffs or deliveries belongs to it.
 */
async function loadTaskEmails(db: Db, recordIds: string[]) {
  const rows = await db.emailOutbox.findMany({
    where: { OR: recordIds.map((recordId) => ({ eventKey: { contains: recordId } })) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, eventKey: true, toEmail: true, template: true, payload: true, status: true, createdAt: true, sentAt: true },
  });

  return rows.map(({ payload, ...row }) => {
    let subject: string;
    try {
      subject = emailSubject(row.template, payload);
    } catch {
      subject = `(cannot render “${row.template}”)`;
    }

    return { ...row, subject };
  });
}

/**
 * Loads one task's whole history: offers, assignments, time, handoffs,
 * deliveries, emails and audit events, with the active assistants an admin
 * can reassign it to. A missing task is NOT_FOUND.
 */
export async function loadTaskHistory(db: Db, taskId: string, now: Date) {
  const task = await db.task.findUnique({ where: { id: taskId }, select: taskDetailSelect });
  if (!task) {
    throw AppError.notFound("Task");
  }
  const recordIds = [
    task.id,
    ...task.offers.map((offer) => offer.id),
    ...task.assignments.map((assignment) => assignment.id),
    ...task.timeEntries.map((entry) => entry.id),
    ...task.handoffs.map((handoff) => handoff.id),
    ...task.deliveries.map((delivery) => delivery.id),
  ];
  const [emails, auditEvents, assistants] = await Promise.all([
    loadTaskEmails(db, recordIds),
    db.auditEvent.findMany({
      where: { entityType: "task", entityId: task.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, action: true, before: true, after: true, reason: true, createdAt: true, actor: { select: { name: true } } },
    }),
    loadAssistants(db, now, false),
  ]);

  return {
    ...task,
    openAssignmentId: task.assignments.find((assignment) => assignment.endedAt === null)?.id ?? null,
    loggedSeconds: task.timeEntries.reduce((sum, entry) => sum + (entry.seconds ?? Math.max(0, Math.floor((now.getTime() - entry.startedAt.getTime()) / 1000))), 0),
    emails,
    auditEvents,
    assistants,
  };
}
