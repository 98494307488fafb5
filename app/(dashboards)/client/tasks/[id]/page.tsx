import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { api } from "~/app/_trpc/server";
import { requireRole } from "~/server/auth/guard";

import { formatDuration, formatInstant } from "../../../_components/format";
import { RunningTimer } from "../../../_components/running-timer";
import { StatusBadge } from "../../../_components/status-badge";
import { buildStatusHistory } from "./status-history";

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

export default async function ClientTaskPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole("client");
  const { id } = await params;
  const task = await loadTask(id);

  const history = buildStatusHistory(task);
  const worker = task.assignments.filter((assignment) => assignment.endReason === null || assignment.endReason === "completed").at(-1);
  const openHandoff = task.handoffs.find((handoff) => handoff.resolvedAt === null);

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

      {task.status === "unrouted" ? (
        <p role="status" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          No available assistant has every skill this brief needs right now. The Baton team has been told and is still looking.
        </p>
      ) : null}
      {openHandoff ? (
        <section aria-labelledby="handoff-heading" className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-900">
          <h2 id="handoff-heading" className="font-semibold">
            Time ran out on this task
          </h2>
          <p className="mt-1">{openHandoff.achieved}</p>
          <p className="mt-1">The assistant needs about {openHandoff.extraMinutesNeeded} more minutes to finish.</p>
        </section>
      ) : null}

      <dl className="grid grid-cols-1 gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-600">Assistant</dt>
          <dd className="font-medium">{worker?.assistantName ?? "Not assigned yet"}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Time used</dt>
          <dd className="font-medium">
            {formatDuration(task.usedSeconds)}
            {task.timeLimitSeconds ? ` of a ${formatDuration(task.timeLimitSeconds)} limit` : ""}
            {task.runningSince ? (
              <span className="ml-2 text-emerald-800">
                (timer running: <RunningTimer startedAt={task.runningSince.toISOString()} />)
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Sent</dt>
          <dd className="font-medium">{formatInstant(task.createdAt, user.timeZone)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Due</dt>
          <dd className="font-medium">{task.dueAt ? formatInstant(task.dueAt, user.timeZone) : "No due date"}</dd>
        </div>
      </dl>

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

      {task.deliveries.length > 0 ? (
        <section aria-labelledby="delivery-heading" className="space-y-2">
          <h2 id="delivery-heading" className="text-lg font-semibold">
            Delivered work
          </h2>
          {task.deliveries.map((delivery) => (
            <div key={delivery.createdAt.toISOString()} className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
              <p className="whitespace-pre-wrap">{delivery.note}</p>
              <ul className="mt-2 space-y-1">
                {delivery.links.map((link) => (
                  <li key={link}>
                    <a href={link} rel="noopener noreferrer nofollow" target="_blank" className="break-all text-indigo-700 underline">
                      {link}
                    </a>
                  </li>
                ))}
              </ul>
              {delivery.review?.comment ? <p className="mt-2 text-slate-700">Your comment: {delivery.review.comment}</p> : null}
            </div>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-semibold">
          Status history
        </h2>
        <ol className="space-y-2 border-l-2 border-slate-200 pl-4 text-sm">
          {history.map((event, position) => (
            <li key={`${event.at.toISOString()}-${position}`}>
              <time dateTime={event.at.toISOString()} className="block text-slate-600">
                {formatInstant(event.at, user.timeZone)}
              </time>
              <span className="text-slate-900">{event.text}</span>
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
