import type { Metadata } from "next";
import Link from "next/link";

import { api } from "~/app/_trpc/server";
import { requireRole } from "~/server/auth/guard";

import { formatDuration, formatInstant } from "../_components/format";
import { StatusBadge } from "../_components/status-badge";

export const metadata: Metadata = { title: "Your tasks" };

export default async function ClientHomePage() {
  const user = await requireRole("client");
  const caller = await api();
  const { account, tasks } = await caller.client.overview();

  const totalSeconds = account.allowanceSeconds + account.topUpSeconds;
  const usedPercent = totalSeconds > 0 ? Math.min(100, Math.round((account.usedSeconds / totalSeconds) * 100)) : 100;
  const allowanceLabel = account.onTrial ? "Free trial" : `${account.planName ?? "Paid"} plan`;

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">Your tasks</h1>
        <Link href="/client/briefs/new" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700">
          New brief
        </Link>
      </div>

      <section aria-labelledby="hours-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="hours-heading" className="text-sm font-medium text-slate-600">
          Hours left · {allowanceLabel}
        </h2>
        <p className="mt-1 text-3xl font-semibold">{formatDuration(account.remainingSeconds)}</p>
        <p className="mt-1 text-sm text-slate-700">
          {formatDuration(account.usedSeconds)} used of {formatDuration(totalSeconds)}
          {account.topUpSeconds > 0 ? ` (including ${formatDuration(account.topUpSeconds)} of top-ups)` : ""}
          {account.cycleEnd ? `. Renews ${formatInstant(account.cycleEnd, user.timeZone)}.` : "."}
        </p>
        <div className="mt-3 h-2 overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
          <div className={`h-full ${usedPercent >= 80 ? "bg-amber-500" : "bg-indigo-600"}`} style={{ width: `${usedPercent}%` }} />
        </div>
        {account.runningTimers > 0 ? (
          <p className="mt-3 text-sm text-slate-700">
            {account.runningTimers === 1 ? "An assistant is working now" : `${account.runningTimers} assistants are working now`}; the time
            left goes down while they work.
          </p>
        ) : null}
        {account.remainingSeconds <= 0 ? (
          <p role="status" className="mt-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
            You have no time left{account.onTrial ? " on your free trial" : " this cycle"}. Work on your tasks is paused until you add time.
          </p>
        ) : null}
      </section>

      <section aria-labelledby="task-list-heading">
        <h2 id="task-list-heading" className="sr-only">
          Task list
        </h2>
        {tasks.length === 0 ? (
          <p className="text-slate-700">
            No tasks yet.{" "}
            <Link href="/client/briefs/new" className="font-medium text-indigo-700 underline">
              Send your first brief
            </Link>
            .
          </p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white shadow-sm">
            {tasks.map((task) => (
              <li key={task.id} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-center sm:justify-between">
                <div className="min-w-0">
                  <Link href={`/client/tasks/${task.id}`} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
                    {task.title}
                  </Link>
                  <p className="mt-1 text-sm text-slate-600">
                    {task.assistantName ?? "No assistant yet"} · {formatDuration(task.usedSeconds)} used · sent{" "}
                    {formatInstant(task.createdAt, user.timeZone)}
                  </p>
                </div>
                <StatusBadge status={task.status} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
