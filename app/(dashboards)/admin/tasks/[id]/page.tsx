import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";

import { api } from "~/app/_trpc/server";
import { requireRole } from "~/server/auth/guard";
import { mailboxAccess } from "~/server/email/mailbox";

import { ConversationPanel } from "../../../_components/conversation-panel";
import { formatDuration, formatInstant } from "../../../_components/format";
import { JsonChange } from "../../_components/json-change";
import { FALL_THROUGH_LABELS, TASK_STATUS_LABELS } from "../../_components/labels";
import type { AdminTaskData } from "../../_components/router-outputs";
import { AssignmentsTable, EmailsTable, HistorySection, OffersTable, TimeEntriesTable } from "./history";
import { TaskActions } from "./task-actions";

export const metadata: Metadata = { title: "Task history" };

const PREFERENCE_LABELS = { primary: "primary assistant first", team: "the client's team", new: "someone new", anyone: "anyone" } as const;

/** Loads the task, showing the 404 page for a wrong id. */
async function loadTask(id: string) {
  const caller = await api();
  try {
    return await caller.admin.task({ id });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") {
      notFound();
    }
    throw error;
  }
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="text-sm font-medium break-words">{children}</dd>
    </div>
  );
}

/** Returns when the task was cancelled or completed, or else when it is due. */
function closingFact(task: AdminTaskData, timeZone: string): { label: string; text: string } {
  if (task.cancelledAt) {
    return { label: "Cancelled", text: formatInstant(task.cancelledAt, timeZone) };
  }
  if (task.completedAt) {
    return { label: "Completed", text: formatInstant(task.completedAt, timeZone) };
  }

  return { label: "Due", text: task.dueAt ? formatInstant(task.dueAt, timeZone) : "No due date" };
}

export default async function AdminTaskPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole("admin");
  const { id } = await params;
  const task = await loadTask(id);
  const tz = user.timeZone;
  const open = task.assignments.find((assignment) => assignment.id === task.openAssignmentId) ?? null;
  const finished = task.status === "completed" || task.status === "cancelled";
  const closing = closingFact(task, tz);

  return (
    <div className="space-y-8">
      <div className="space-y-3">
        <p className="text-sm text-slate-600">Task history</p>
        <h1 className="text-2xl font-semibold break-words">{task.title}</h1>
        <dl className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-3">
          <Fact label="Status">{TASK_STATUS_LABELS[task.status]}</Fact>
          <Fact label="Client">
            {task.client.companyName} ({task.client.user.name}, {task.client.user.email})
          </Fact>
          <Fact label="Assistant now">{open ? open.assistant.user.name : "Nobody"}</Fact>
          <Fact label="Skills">{task.skills.map((row) => row.skill.name).join(", ") || "None"}</Fact>
          <Fact label="Sent">{formatInstant(task.createdAt, tz)}</Fact>
          <Fact label="Preference">
            {PREFERENCE_LABELS[task.preference]}
            {task.fallThroughReason ? `; passed on: ${FALL_THROUGH_LABELS[task.fallThroughReason]}` : ""}
          </Fact>
          <Fact label="Logged time">
            {formatDuration(task.loggedSeconds)}
            {task.timeLimitSeconds ? ` of a ${formatDuration(task.timeLimitSeconds)} limit` : ""}
          </Fact>
          <Fact label="Waves and reallocations">
            {task.currentWave} {task.currentWave === 1 ? "wave" : "waves"}, {task.reallocationCount} {task.reallocationCount === 1 ? "reallocation" : "reallocations"}
          </Fact>
          <Fact label={closing.label}>{closing.text}</Fact>
        </dl>
        <details className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <summary className="cursor-pointer font-medium">Brief</summary>
          <p className="mt-2 text-sm break-words whitespace-pre-wrap">{task.description}</p>
        </details>
      </div>

      <HistorySection id="actions-heading" title="Actions">
        {finished ? (
          <p className="text-slate-700">This task is {TASK_STATUS_LABELS[task.status].toLowerCase()}, so it can no longer be reassigned or cancelled.</p>
        ) : (
          <TaskActions
            taskId={task.id}
            openAssignmentId={task.openAssignmentId}
            currentAssistantId={open?.assistant.id ?? null}
            requiredSkills={task.skills.map((row) => row.skill.slug)}
            assistants={task.assistants}
            timeZone={tz}
          />
        )}
      </HistorySection>

      <ConversationPanel taskId={task.id} timeZone={tz} />

      <HistorySection id="offers-heading" title="Offers" count={task.offers.length}>
        {task.offers.length === 0 ? <p className="text-slate-700">No offer was sent.</p> : <OffersTable offers={task.offers} timeZone={tz} />}
      </HistorySection>

      <HistorySection id="assignments-heading" title="Assignments" count={task.assignments.length}>
        {task.assignments.length === 0 ? <p className="text-slate-700">Nobody has held this task.</p> : <AssignmentsTable assignments={task.assignments} timeZone={tz} />}
      </HistorySection>

      <HistorySection id="time-heading" title="Time entries and corrections" count={task.timeEntries.length}>
        {task.timeEntries.length === 0 ? <p className="text-slate-700">No time was logged.</p> : <TimeEntriesTable entries={task.timeEntries} timeZone={tz} />}
      </HistorySection>

      <HistorySection id="handoffs-heading" title="Handoffs and deliveries" count={task.handoffs.length + task.deliveries.length}>
        {task.handoffs.length + task.deliveries.length === 0 ? (
          <p className="text-slate-700">No handoff or delivery yet.</p>
        ) : (
          <ul className="space-y-2">
            {task.handoffs.map((handoff) => (
              <li key={handoff.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm">
                <p className="font-medium">
                  Handoff by {handoff.assistant.user.name}, {formatInstant(handoff.createdAt, tz)}: {handoff.extraMinutesNeeded} more minutes needed
                  {handoff.resolvedAt ? ` (resolved ${formatInstant(handoff.resolvedAt, tz)})` : ""}
                </p>
                <p className="break-words whitespace-pre-wrap text-slate-700">{handoff.achieved}</p>
              </li>
            ))}
            {task.deliveries.map((delivery) => (
              <li key={delivery.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm">
                <p className="font-medium">
                  Delivery by {delivery.assistant.user.name}, {formatInstant(delivery.createdAt, tz)}
                  {delivery.review
                    ? `: ${delivery.review.decision === "approved" ? "approved" : "changes requested"}${delivery.review.automatic ? " automatically" : ""}${delivery.review.rating ? `, rated ${delivery.review.rating} of 5` : ""}`
                    : ": awaiting review"}
                </p>
                <p className="break-words whitespace-pre-wrap text-slate-700">{delivery.note}</p>
                {delivery.review?.comment ? <p className="mt-1 break-words text-slate-700">Client: “{delivery.review.comment}”</p> : null}
              </li>
            ))}
          </ul>
        )}
      </HistorySection>

      <HistorySection id="emails-heading" title="Emails" count={task.emails.length}>
        {task.emails.length === 0 ? <p className="text-slate-700">No email was queued about this task.</p> : <EmailsTable emails={task.emails} timeZone={tz} mailboxLinks={mailboxAccess() !== "disabled"} />}
      </HistorySection>

      <HistorySection id="audit-heading" title="Audit events" count={task.auditEvents.length}>
        {task.auditEvents.length === 0 ? (
          <p className="text-slate-700">No audited change to this task.</p>
        ) : (
          <ol className="space-y-2">
            {task.auditEvents.map((event) => (
              <li key={event.id} className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm">
                <p>
                  <span className="font-medium">{event.action}</span> by {event.actor?.name ?? "the system"}, {formatInstant(event.createdAt, tz)}
                  {event.reason ? `: “${event.reason}”` : ""}
                </p>
                <JsonChange before={event.before} after={event.after} />
              </li>
            ))}
          </ol>
        )}
      </HistorySection>
    </div>
  );
}
