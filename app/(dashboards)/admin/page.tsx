import type { Metadata } from "next";
import Link from "next/link";

import { api } from "~/app/_trpc/server";
import { requireRole } from "~/server/auth/guard";
import type { TaskStatus } from "~/server/db/generated/client";

import { formatDuration, formatInstant } from "../_components/format";
import { FALL_THROUGH_LABELS, TASK_STATUS_LABELS } from "./_components/labels";

export const metadata: Metadata = { title: "Operations" };

function Figure({ label, value, detail }: { label: string; value: number; detail?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-3xl font-semibold">{value}</dd>
      {detail ? <dd className="mt-1 text-sm text-slate-700">{detail}</dd> : null}
    </div>
  );
}

export default async function AdminHomePage() {
  const user = await requireRole("admin");
  const caller = await api();
  const overview = await caller.admin.overview();

  return (
    <div className="space-y-10">
      <h1 className="text-2xl font-semibold">Operations</h1>

      <section aria-labelledby="people-heading" className="space-y-3">
        <h2 id="people-heading" className="text-lg font-semibold">
          People and timers
        </h2>
        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
          <Figure label="Clients" value={overview.clients.total} detail={`${overview.clients.trial} on trial, ${overview.clients.paid} paid`} />
          <Figure label="Assistants" value={overview.assistants.total} detail={`${overview.assistants.available} available`} />
          <Figure label="Timers running" value={overview.runningTimers} />
        </dl>
      </section>

      <section aria-labelledby="status-heading" className="space-y-3">
        <h2 id="status-heading" className="text-lg font-semibold">
          Tasks by status
        </h2>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {(Object.keys(TASK_STATUS_LABELS) as TaskStatus[]).map((status) => (
            <div key={status} className="rounded-md border border-slate-200 bg-white p-3">
              <dt className="text-sm text-slate-600">{TASK_STATUS_LABELS[status]}</dt>
              <dd className="text-xl font-semibold">{overview.tasksByStatus[status]}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="unrouted-heading" className="space-y-3">
        <h2 id="unrouted-heading" className="text-lg font-semibold">
          Unrouted tasks
        </h2>
        {overview.unrouted.length === 0 ? (
          <p className="text-slate-700">Every task has found an assistant or is being offered.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white shadow-sm">
            {overview.unrouted.map((task) => (
              <li key={task.id} className="space-y-1 p-4">
                <p className="font-medium break-words">
                  <Link href={`/admin/tasks/${task.id}`} className="text-indigo-700 hover:underline">
                    {task.title}
                  </Link>
                </p>
                <p className="text-sm text-slate-700">
                  {task.clientName} · needs {task.skills.map((skill) => skill.name).join(", ")}
                  {task.fallThroughReason ? ` · ${FALL_THROUGH_LABELS[task.fallThroughReason]}` : ""}
                </p>
                <p className="text-sm text-slate-600">
                  Sent {formatInstant(task.submittedAt, user.timeZone)}; unrouted since {formatInstant(task.unroutedSince, user.timeZone)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="conversions-heading" className="space-y-3">
        <h2 id="conversions-heading" className="text-lg font-semibold">
          Recent conversions
        </h2>
        {overview.recentConversions.length === 0 ? (
          <p className="text-slate-700">No trial client converted in the last {overview.recentConversionDays} days.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white shadow-sm">
            {overview.recentConversions.map((conversion) => (
              <li key={conversion.id} className="flex flex-col gap-1 p-4 sm:flex-row sm:justify-between">
                <span className="font-medium">
                  {conversion.clientName} chose {conversion.planName}
                </span>
                <span className="text-sm text-slate-700">
                  {formatInstant(conversion.convertedAt, user.timeZone)} · {formatDuration(conversion.trialSecondsUsed)} of trial used
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
