import type { Metadata } from "next";
import Link from "next/link";

import { api } from "~/app/_trpc/server";
import { requireRole } from "~/server/auth/guard";

import { formatDuration, formatInstant } from "../_components/format";
import { StatusBadge } from "../_components/status-badge";
import { UnreadMessages } from "../_components/unread-messages";
import type { ClientOverview } from "./_components/router-outputs";

export const metadata: Metadata = { title: "Your tasks" };

/** Explains that a brief needs time, in place of the "New brief" link, with the ways to add time. */
function NoTimeLeft({ onTrial }: { onTrial: boolean }) {
  return (
    <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
      <p className="font-medium">You have no time left{onTrial ? " on your free trial" : " this cycle"}, so you cannot send a new brief.</p>
      <p className="mt-1">Work on your tasks is paused until you add time. Nothing is lost.</p>
      <p className="mt-3 flex flex-wrap gap-3">
        <Link href="/client/plans" className="font-medium text-indigo-700 underline">
          {onTrial ? "Choose a plan" : "Upgrade your plan"}
        </Link>
        {onTrial ? null : (
          <Link href="/client/plans#top-ups" className="font-medium text-indigo-700 underline">
            Buy a top-up
          </Link>
        )}
      </p>
    </div>
  );
}

function Hours({ account, timeZone }: { account: ClientOverview["account"]; timeZone: string }) {
  const totalSeconds = account.allowanceSeconds + account.topUpSeconds;
  const usedPercent = totalSeconds > 0 ? Math.min(100, Math.round((account.usedSeconds / totalSeconds) * 100)) : 100;

  return (
    <section aria-labelledby="hours-heading" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="hours-heading" className="text-sm font-medium text-slate-600">
        {account.onTrial ? "Free trial" : `${account.planName ?? "Paid"} plan`}
      </h2>
      <dl className="mt-2 grid grid-cols-1 gap-4 sm:grid-cols-3">
        <div>
          <dt className="text-sm text-slate-600">Hours left</dt>
          <dd className="text-3xl font-semibold">{formatDuration(account.remainingSeconds)}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">{account.onTrial ? "Used of your free trial" : "Used this cycle"}</dt>
          <dd className="text-lg font-medium">
            {formatDuration(account.usedSeconds)} of {formatDuration(totalSeconds)}
            {account.topUpSeconds > 0 ? <span className="block text-sm font-normal text-slate-600">including {formatDuration(account.topUpSeconds)} of top-ups</span> : null}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">{account.onTrial ? "Plan" : "Renews"}</dt>
          <dd className="text-lg font-medium">{account.cycleEnd ? formatInstant(account.cycleEnd, timeZone) : "Free trial, no renewal"}</dd>
        </div>
      </dl>
      <div className="mt-3 h-2 overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
        <div className={`h-full ${usedPercent >= 80 ? "bg-amber-500" : "bg-indigo-600"}`} style={{ width: `${usedPercent}%` }} />
      </div>
      {account.runningTimers > 0 ? (
        <p className="mt-3 text-sm text-slate-700">
          {account.runningTimers === 1 ? "An assistant is working now" : `${account.runningTimers} assistants are working now`}, so the time left goes down while
          they work.
        </p>
      ) : null}
    </section>
  );
}

function TaskList({ tasks, timeZone }: { tasks: ClientOverview["tasks"]; timeZone: string }) {
  if (tasks.length === 0) {
    return <p className="text-slate-700">No tasks yet. Your briefs appear here once you send them.</p>;
  }

  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white shadow-sm">
      {tasks.map((task) => (
        <li key={task.id} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-center sm:justify-between">
          <div className="min-w-0">
            <Link href={`/client/tasks/${task.id}`} className="font-medium break-words text-indigo-700 underline-offset-2 hover:underline">
              {task.title}
            </Link>
            <p className="mt-1 text-sm text-slate-600">
              {task.assistantName ?? "No assistant yet"} · {formatDuration(task.usedSeconds)} used · sent {formatInstant(task.createdAt, timeZone)}
            </p>
            <UnreadMessages count={task.unreadMessages} />
          </div>
          <StatusBadge status={task.status} />
        </li>
      ))}
    </ul>
  );
}

export default async function ClientHomePage() {
  const user = await requireRole("client");
  const caller = await api();
  const { account, tasks } = await caller.client.overview();
  const canSendBrief = account.remainingSeconds > 0;

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-semibold">Your tasks</h1>
        {canSendBrief ? (
          <Link href="/client/briefs/new" className="rounded-md bg-indigo-600 px-5 py-2.5 text-base font-semibold text-white shadow-sm hover:bg-indigo-700">
            New brief
          </Link>
        ) : null}
      </div>
      {canSendBrief ? null : <NoTimeLeft onTrial={account.onTrial} />}

      <Hours account={account} timeZone={user.timeZone} />

      <section aria-labelledby="task-list-heading" className="space-y-3">
        <h2 id="task-list-heading" className="text-lg font-semibold">
          Task list
        </h2>
        <TaskList tasks={tasks} timeZone={user.timeZone} />
      </section>
    </div>
  );
}
