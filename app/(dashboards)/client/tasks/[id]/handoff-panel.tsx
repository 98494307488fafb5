"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";

import { Button } from "~/app/_components/button";
import { useTRPC } from "~/app/_trpc/react";

import { usePageRefresh } from "../../../_components/use-page-refresh";
import { readMutationError } from "../../_components/mutation-error";

interface HandoffPanelProps {
  taskId: string;
  /** The open handoff, or null while the assistant has not sent one yet. */
  handoff: { assistantName: string; achieved: string; extraMinutesNeeded: number; sentAt: string } | null;
  cause: "balance" | "task_limit" | null;
  onTrial: boolean;
  remainingText: string;
  /** Whether the client has any time left to approve extra minutes from. */
  hasTimeLeft: boolean;
}

/**
 * Shows an out-of-time task's handoff beside the ways to add time: buying a
 * top-up, upgrading, or approving extra minutes for this task from the
 * hours the client has left.
 */
export function HandoffPanel({ taskId, handoff, cause, onTrial, remainingText, hasTimeLeft }: HandoffPanelProps) {
  const trpc = useTRPC();
  const { refresh, refreshing } = usePageRefresh();
  const [minutes, setMinutes] = useState(handoff ? String(Math.max(1, handoff.extraMinutesNeeded)) : "30");
  const [localError, setLocalError] = useState<string | null>(null);
  const approve = useMutation(trpc.review.approveExtraMinutes.mutationOptions({ onSuccess: refresh }));
  const pending = approve.isPending || refreshing;
  const { fieldErrors, formError } = readMutationError(approve.error, ["minutes"]);
  const minutesError = localError ?? fieldErrors.minutes;
  const minutesLabel = /^\d+$/.test(minutes) ? minutes : "the";

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const value = Number(minutes);
    if (!Number.isInteger(value) || value < 1) {
      approve.reset();
      setLocalError("Extra minutes must be a whole number of at least 1.");

      return;
    }
    setLocalError(null);
    approve.mutate({ taskId, minutes: value });
  };

  return (
    <section aria-labelledby="handoff-heading" className="space-y-4 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-950">
      <h2 id="handoff-heading" className="text-base font-semibold">
        {cause === "balance" ? "Your hours are used up" : "This task reached its time limit"}
      </h2>
      {handoff ? (
        <div className="space-y-1">
          <p className="font-medium">
            {handoff.assistantName} sent a handoff ({handoff.sentAt}):
          </p>
          <blockquote className="rounded-md border-l-4 border-red-300 bg-white p-3 whitespace-pre-wrap break-words text-slate-900">{handoff.achieved}</blockquote>
          <p>
            Minutes requested to finish: <span className="font-semibold">{handoff.extraMinutesNeeded}</span>
          </p>
        </div>
      ) : (
        <p>The timer stopped. Your assistant will send a handoff saying what is done and how much more time the task needs.</p>
      )}
      <p>Time left: {remainingText}.</p>

      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        {hasTimeLeft ? (
          <form onSubmit={onSubmit} noValidate className="space-y-1">
            <label htmlFor="extra-minutes" className="block font-medium text-slate-800">
              Extra minutes
            </label>
            <div className="flex flex-wrap gap-3">
              <input
                id="extra-minutes"
                name="minutes"
                type="number"
                inputMode="numeric"
                min={1}
                value={minutes}
                onChange={(event) => setMinutes(event.target.value)}
                aria-invalid={minutesError ? true : undefined}
                aria-describedby={minutesError ? "extra-minutes-error" : undefined}
                className="w-28 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-invalid:border-red-600"
              />
              <Button type="submit" disabled={pending}>
                {pending ? "Approving…" : `Approve ${minutesLabel} extra minutes`}
              </Button>
            </div>
            {minutesError ? (
              <p id="extra-minutes-error" className="text-red-700">
                {minutesError}
              </p>
            ) : null}
          </form>
        ) : (
          <p className="max-w-md">
            No time is left to approve extra minutes from. Buy a top-up or choose a plan: the task goes back to your assistant as soon as the time is added.
          </p>
        )}
        <p className="flex flex-wrap gap-3 sm:pt-6">
          <Link href="/client/plans#top-ups" className="rounded-md border border-slate-300 bg-white px-4 py-2 font-medium text-slate-800 hover:bg-slate-100">
            Buy a top-up
          </Link>
          <Link href="/client/plans" className="rounded-md border border-slate-300 bg-white px-4 py-2 font-medium text-slate-800 hover:bg-slate-100">
            {onTrial ? "Choose a plan" : "Upgrade"}
          </Link>
        </p>
      </div>
      {formError ? (
        <p role="alert" className="rounded-md border border-red-300 bg-white p-3 text-red-800">
          {formError}
        </p>
      ) : null}
      {approve.isSuccess && !pending ? (
        <p role="status" className="rounded-md bg-white p-3 text-emerald-800">
          {approve.data.resumed ? "Minutes approved. Your assistant can continue." : "Minutes approved."}
        </p>
      ) : null}
    </section>
  );
}
