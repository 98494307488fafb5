"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";

import { Button } from "~/app/_components/button";
import { useTRPC } from "~/app/_trpc/react";

import { formatTime } from "../../_components/format";
import { formatElapsed } from "./clock-format";
import { NoticeBanner } from "./notice-banner";
import type { Notice, WorkTask } from "./types";

/** Statuses whose timer may not start, with the reason the panel shows instead of the Start button. */
const NOT_STARTABLE: Partial<Record<WorkTask["status"], string>> = {
  out_of_time: "This task is out of time, so the timer cannot start. Send a handoff below. You can continue once the client adds time.",
  in_review: "This task is in review, so the timer cannot start. If the client requests changes, it comes back to you.",
  completed: "This task is completed.",
  cancelled: "This task was cancelled.",
};

interface TimerPanelProps {
  task: WorkTask;
  timeZone: string;
  /** The server's current time in milliseconds, ticking. */
  serverNowMs: number;
  /** Called after the timer changed on the server, so the task reloads. */
  onChanged: () => Promise<void>;
}

/** Renders a task's billing timer with Start and Stop buttons, the live elapsed time and the result of the last press. */
export function TimerPanel({ task, timeZone, serverNowMs, onChanged }: TimerPanelProps) {
  const trpc = useTRPC();
  const [notice, setNotice] = useState<Notice | null>(null);

  const start = useMutation(
    trpc.work.startTimer.mutationOptions({
      onSuccess: async (result) => {
        const switched = result.switchedFrom;
        setNotice({
          tone: "status",
          text: switched
            ? `Your timer on “${switched.taskTitle}” stopped at ${formatTime(switched.endedAt, timeZone)} so this one could start.`
            : `Timer started at ${formatTime(result.startedAt, timeZone)}.`,
        });
        await onChanged();
      },
      onError: (error) => setNotice({ tone: "error", text: error.message }),
    }),
  );
  const stop = useMutation(
    trpc.work.stopTimer.mutationOptions({
      onSuccess: async ({ stopped }) => {
        setNotice(
          stopped
            ? { tone: "status", text: `Timer stopped at ${formatTime(stopped.endedAt, timeZone)}. This entry logged ${formatElapsed(stopped.seconds)}.` }
            : { tone: "status", text: "No timer was running." },
        );
        await onChanged();
      },
      onError: (error) => setNotice({ tone: "error", text: error.message }),
    }),
  );

  const running = task.runningTimer;
  const runningHere = running?.taskId === task.id;
  const refusal = NOT_STARTABLE[task.status];
  const busy = start.isPending || stop.isPending;

  return (
    <section aria-labelledby="timer-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="timer-heading" className="text-lg font-semibold">
        Timer
      </h2>

      {runningHere && running ? (
        <p className="flex flex-wrap items-center gap-2 text-emerald-900">
          <span aria-hidden="true" className="inline-block size-2.5 animate-pulse rounded-full bg-emerald-600" />
          <span>
            Running since {formatTime(running.startedAt, timeZone)}:{" "}
            <span role="timer" aria-label="Elapsed time" className="font-mono text-xl font-semibold tabular-nums" suppressHydrationWarning>
              {formatElapsed((serverNowMs - running.startedAt.getTime()) / 1000)}
            </span>
          </span>
        </p>
      ) : (
        <p className="text-slate-700">The timer is stopped.</p>
      )}

      {running && !runningHere ? (
        <p className="text-sm text-slate-700">
          Your timer is running on{" "}
          <Link href={`/assistant/tasks/${running.taskId}`} className="font-medium text-indigo-700 underline">
            another task
          </Link>
          . Starting this one stops it.
        </p>
      ) : null}

      {refusal && !runningHere ? <p className="text-sm text-slate-700">{refusal}</p> : null}

      <div className="flex flex-wrap gap-3">
        {runningHere ? (
          <Button variant="danger" onClick={() => stop.mutate()} disabled={busy}>
            {stop.isPending ? "Stopping…" : "Stop timer"}
          </Button>
        ) : refusal ? null : (
          <Button onClick={() => start.mutate({ taskId: task.id })} disabled={busy}>
            {start.isPending ? "Starting…" : "Start timer"}
          </Button>
        )}
      </div>

      <NoticeBanner notice={notice} />
    </section>
  );
}
