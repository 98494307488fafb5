"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";

import { useTRPC } from "~/app/_trpc/react";

import { formatDuration, formatInstant, formatTime } from "../../_components/format";
import { StatusBadge } from "../../_components/status-badge";
import { DeliverySection, HandoffSection } from "./delivery-section";
import { useServerNow } from "./server-clock";
import { TaskBrief } from "./task-brief";
import { TimeLog } from "./time-log";
import { TimerPanel } from "./timer-panel";
import { errorCodeOf } from "./trpc-errors";
import type { WorkTask } from "./types";

/** How often the page reloads the task, to notice a timer stopped by the server or time added by the client. */
const POLL_INTERVAL_MS = 30_000;

interface TaskWorkspaceProps {
  initialTask: WorkTask;
  timeZone: string;
  viewerName: string;
}

/** Renders an assistant's task with the brief, the timer, the time log, the handoff and the delivery. */
export function TaskWorkspace({ initialTask, timeZone, viewerName }: TaskWorkspaceProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const taskQuery = useQuery(trpc.work.task.queryOptions({ taskId: initialTask.id }, { initialData: initialTask, refetchInterval: POLL_INTERVAL_MS }));
  const task = taskQuery.data;
  const serverNowMs = useServerNow(task.serverNow, taskQuery.dataUpdatedAt);

  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.work.task.queryKey({ taskId: task.id }) });
    await queryClient.invalidateQueries({ queryKey: trpc.assistant.overview.queryKey() });
  };

  if (taskQuery.isRefetchError && errorCodeOf(taskQuery.error) === "NOT_FOUND") {
    return (
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold break-words">{task.title}</h1>
        <p role="alert" className="rounded-md bg-amber-50 p-3 text-amber-900">
          This task is no longer assigned to you. It may have gone to another assistant or been closed.
        </p>
        <Link href="/assistant" className="font-medium text-indigo-700 underline">
          Back to your offers and tasks
        </Link>
      </div>
    );
  }

  const runningHere = task.runningTimer?.taskId === task.id;
  // Seconds since the server computed the totals; they grow only while this task's timer runs.
  const sinceLoad = runningHere ? Math.max(0, Math.floor((serverNowMs - task.serverNow.getTime()) / 1000)) : 0;
  const usedSeconds = task.loggedSeconds + sinceLoad;
  const clientLeftSeconds = Math.max(0, task.clientRemainingSeconds - sinceLoad);

  return (
    <article className="space-y-6">
      <div className="space-y-2">
        <Link href="/assistant" className="text-sm font-medium text-indigo-700 underline">
          Back to your offers and tasks
        </Link>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <p className="text-sm font-medium text-slate-700">{task.client.companyName}</p>
            <h1 className="text-2xl font-semibold break-words">{task.title}</h1>
          </div>
          <StatusBadge status={task.status} />
        </div>
      </div>

      {!task.started && task.startBy && task.status === "assigned" ? (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm font-medium text-amber-900">
          {serverNowMs < task.startBy.getTime()
            ? `Start the timer by ${formatTime(task.startBy, timeZone)} or the task goes to another assistant.`
            : `The start window ended at ${formatTime(task.startBy, timeZone)}, so this task is going to another assistant.`}
        </p>
      ) : null}

      {taskQuery.isRefetchError && errorCodeOf(taskQuery.error) !== "NOT_FOUND" ? (
        <p role="alert" className="text-sm text-red-800">
          The task could not be reloaded: {taskQuery.error.message} What you see may be out of date.
        </p>
      ) : null}

      <dl className="grid grid-cols-1 gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm sm:grid-cols-3">
        <div>
          <dt className="text-slate-600">Due</dt>
          <dd className="font-medium">{task.dueAt ? formatInstant(task.dueAt, timeZone) : "No due date"}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Task time used</dt>
          <dd className="font-medium" suppressHydrationWarning>
            {formatDuration(usedSeconds)}
            {task.timeLimitSeconds ? ` of a ${formatDuration(task.timeLimitSeconds)} limit` : " (no limit)"}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Client&apos;s hours left</dt>
          <dd className="font-medium" suppressHydrationWarning>
            {formatDuration(clientLeftSeconds)}
          </dd>
        </div>
      </dl>

      <TimerPanel task={task} timeZone={timeZone} serverNowMs={serverNowMs} onChanged={reload} />
      <HandoffSection task={task} timeZone={timeZone} onChanged={reload} />
      <TaskBrief task={task} />
      <TimeLog task={task} timeZone={timeZone} viewerName={viewerName} serverNowMs={serverNowMs} onChanged={reload} />
      <DeliverySection task={task} timeZone={timeZone} onChanged={reload} />
    </article>
  );
}
