import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { api } from "~/app/_trpc/server";
import { requireRole } from "~/server/auth/guard";

import { ConversationPanel } from "../../../_components/conversation-panel";
import { formatDuration, formatInstant } from "../../../_components/format";
import { RunningTimer } from "../../../_components/running-timer";
import { StatusBadge } from "../../../_components/status-badge";
import type { ClientTask } from "../../_components/router-outputs";
import { HandoffPanel } from "./handoff-panel";
import { ReviewPanel } from "./review-panel";
import { TimeLog } from "./time-log";
import { Timeline } from "./timeline";

export const metadata: Metadata = { title: "Task" };

/** Loads the client's own task; someone else's task or a wrong id shows the 404 page. */
async function loadTask(id: string) {
  const caller = await api();
  try {
    return await caller.client.task({ id });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") {
      notFound();
    }
    throw error;
  }
}

/** Returns why the task last ran out of time, read from its history, or null when it never did. */
function outOfTimeCause(task: ClientTask): "balance" | "task_limit" | null {
  const last = task.timeline.findLast((event) => event.kind === "out_of_time");

  return last?.kind === "out_of_time" ? last.cause : null;
}

function remainingText(task: ClientTask): string {
  return `${formatDuration(task.balance.remainingSeconds)}${task.balance.onTrial ? " of your free trial" : " this cycle"}`;
}

function OutOfTime({ task }: { task: ClientTask }) {
  const openHandoff = task.handoffs.findLast((handoff) => handoff.resolvedAt === null);

  return (
    <HandoffPanel
      taskId={task.id}
      handoff={
        openHandoff
          ? {
              assistantName: openHandoff.assistantName,
              achieved: openHandoff.achieved,
              extraMinutesNeeded: openHandoff.extraMinutesNeeded,
              sentAt: formatInstant(openHandoff.createdAt, task.timeZone),
            }
          : null
      }
      cause={outOfTimeCause(task)}
      onTrial={task.balance.onTrial}
      remainingText={remainingText(task)}
      hasTimeLeft={task.balance.remainingSeconds > 0}
    />
  );
}

function InReview({ task }: { task: ClientTask }) {
  const delivery = task.deliveries.at(-1);
  if (!delivery) {
    return null;
  }

  return (
    <ReviewPanel
      taskId={task.id}
      delivery={{ assistantName: delivery.assistantName, note: delivery.note, links: delivery.links, sentAt: formatInstant(delivery.createdAt, task.timeZone) }}
      autoApproveText={task.autoApproveAt ? formatInstant(task.autoApproveAt, task.timeZone) : null}
    />
  );
}

/** Earlier deliveries with the client's decision on each; the one waiting for review is in the review panel. */
function PastDeliveries({ task }: { task: ClientTask }) {
  const past = task.status === "in_review" ? task.deliveries.slice(0, -1) : task.deliveries;
  if (past.length === 0) {
    return null;
  }

  return (
    <section aria-labelledby="delivery-heading" className="space-y-2">
      <h2 id="delivery-heading" className="text-lg font-semibold">
        Delivered work
      </h2>
      {past.map((delivery) => (
        <div key={delivery.id} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
          <p className="text-slate-600">
            {delivery.assistantName}, {formatInstant(delivery.createdAt, task.timeZone)}
          </p>
          <p className="whitespace-pre-wrap break-words">{delivery.note}</p>
          {delivery.links.length > 0 ? (
            <ul className="space-y-1">
              {delivery.links.map((link) => (
                <li key={link}>
                  <a href={link} rel="noopener noreferrer nofollow" target="_blank" className="break-all text-indigo-700 underline">
                    {link}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
          {delivery.review?.decision === "changes_requested" ? <p className="text-slate-700">You asked for changes: {delivery.review.comment}</p> : null}
          {delivery.review?.decision === "approved" && delivery.review.rating !== null ? <p className="text-slate-700">Your rating: {delivery.review.rating} of 5</p> : null}
          {delivery.review?.decision === "approved" && delivery.review.comment ? <p className="text-slate-700">Your comment: {delivery.review.comment}</p> : null}
        </div>
      ))}
    </section>
  );
}

function Summary({ task }: { task: ClientTask }) {
  return (
    <dl className="grid grid-cols-1 gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm sm:grid-cols-2 lg:grid-cols-3">
      <div>
        <dt className="text-slate-600">Assistant</dt>
        <dd className="font-medium">{task.assistantName ?? "Not assigned yet"}</dd>
      </div>
      <div>
        <dt className="text-slate-600">Time used</dt>
        <dd className="font-medium">
          {formatDuration(task.usedSeconds)}
          {task.runningSince ? (
            <span className="ml-2 font-normal text-emerald-800">
              (timer running: <RunningTimer startedAt={task.runningSince.toISOString()} />)
            </span>
          ) : null}
        </dd>
      </div>
      <div>
        <dt className="text-slate-600">Time limit</dt>
        <dd className="font-medium">{task.timeLimitSeconds === null ? "No limit" : formatDuration(task.timeLimitSeconds)}</dd>
      </div>
      <div>
        <dt className="text-slate-600">Your time left</dt>
        <dd className="font-medium">{remainingText(task)}</dd>
      </div>
      <div>
        <dt className="text-slate-600">Sent</dt>
        <dd className="font-medium">{formatInstant(task.createdAt, task.timeZone)}</dd>
      </div>
      <div>
        <dt className="text-slate-600">Due</dt>
        <dd className="font-medium">{task.dueAt ? formatInstant(task.dueAt, task.timeZone) : "No due date"}</dd>
      </div>
    </dl>
  );
}

function Brief({ task }: { task: ClientTask }) {
  return (
    <section aria-labelledby="brief-heading" className="space-y-3">
      <h2 id="brief-heading" className="text-lg font-semibold">
        Brief
      </h2>
      <p className="whitespace-pre-wrap break-words text-slate-800">{task.description}</p>
      <ul aria-label="Skills" className="flex flex-wrap gap-2">
        {task.skills.map((skill) => (
          <li key={skill.slug} className="rounded-full bg-slate-200 px-2.5 py-0.5 text-xs font-medium text-slate-800">
            {skill.name}
          </li>
        ))}
      </ul>
      {task.referenceLinks.length > 0 ? (
        <ul aria-label="Reference links" className="list-disc space-y-1 pl-5 text-sm">
          {task.referenceLinks.map((link) => (
            <li key={link}>
              <a href={link} rel="noopener noreferrer nofollow" target="_blank" className="break-all text-indigo-700 underline">
                {link}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export default async function ClientTaskPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("client");
  const { id } = await params;
  const task = await loadTask(id);
  const stillLooking = task.timeline.at(-1)?.kind === "still_looking";

  return (
    <article className="space-y-8">
      <div className="space-y-3">
        <Link href="/client" className="text-sm font-medium text-indigo-700 underline">
          Back to your tasks
        </Link>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <h1 className="text-2xl font-semibold break-words">{task.title}</h1>
          <StatusBadge status={task.status} />
        </div>
      </div>

      {stillLooking ? (
        <p role="status" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          No available assistant has taken this brief yet. We keep looking and will tell you when someone accepts.
        </p>
      ) : null}
      {task.status === "out_of_time" ? <OutOfTime task={task} /> : null}
      {task.status === "in_review" ? <InReview task={task} /> : null}

      <Summary task={task} />
      <Brief task={task} />
      <PastDeliveries task={task} />
      <ConversationPanel taskId={task.id} timeZone={task.timeZone} />

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-semibold">
          Status history
        </h2>
        <Timeline events={task.timeline} timeZone={task.timeZone} />
      </section>

      <section aria-labelledby="time-log-heading" className="space-y-3">
        <h2 id="time-log-heading" className="text-lg font-semibold">
          Time log
        </h2>
        <TimeLog entries={task.timeLog} timeZone={task.timeZone} />
      </section>
    </article>
  );
}
