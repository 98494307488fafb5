"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";

import { useTRPC } from "~/app/_trpc/react";

import { formatDuration, formatTime } from "../../_components/format";
import { StatusBadge } from "../../_components/status-badge";
import { UnreadMessages } from "../../_components/unread-messages";
import { formatElapsed } from "./clock-format";
import { LapseNotice } from "./lapse-notice";
import { NoticeBanner } from "./notice-banner";
import { OfferCard } from "./offer-card";
import { useServerNow } from "./server-clock";
import type { Notice, Overview } from "./types";

/** Interval between two loads of the offers. */
const POLL_INTERVAL_MS = 10_000;

/** Renders the assistant's offers, reloaded every 10 seconds, their lapses, their active tasks and their running timer. */
export function AssistantDashboard({ initialOverview, timeZone }: { initialOverview: Overview; timeZone: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<Notice | null>(null);
  const overviewQuery = useQuery(trpc.assistant.overview.queryOptions(undefined, { initialData: initialOverview, refetchInterval: POLL_INTERVAL_MS }));
  const overview = overviewQuery.data;
  const serverNowMs = useServerNow(overview.serverNow, overviewQuery.dataUpdatedAt);

  const reload = () => void queryClient.invalidateQueries({ queryKey: trpc.assistant.overview.queryKey() });
  const running = overview.runningTimer;

  return (
    <div className="space-y-10">
      <section aria-labelledby="offers-heading" className="space-y-4">
        <h1 id="offers-heading" className="text-2xl font-semibold">
          Offers waiting for you
        </h1>

        {running ? (
          <p className="flex items-center gap-2 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
            <span aria-hidden="true" className="inline-block size-2.5 shrink-0 animate-pulse rounded-full bg-emerald-600" />
            <span>
              Timer running on{" "}
              <Link href={`/assistant/tasks/${running.taskId}`} className="font-semibold underline">
                {running.title}
              </Link>{" "}
              for{" "}
              <span role="timer" className="font-mono tabular-nums" suppressHydrationWarning>
                {formatElapsed((serverNowMs - running.startedAt.getTime()) / 1000)}
              </span>
            </span>
          </p>
        ) : null}

        <LapseNotice standing={overview.lapseStanding} timeZone={timeZone} />
        <NoticeBanner notice={notice} />
        {overviewQuery.isRefetchError ? (
          <p role="alert" className="text-sm text-red-800">
            New offers could not be loaded: {overviewQuery.error.message} Retrying every 10 seconds.
          </p>
        ) : null}

        {overview.offers.length === 0 ? (
          <p className="text-slate-700">No offers right now. This list updates by itself, and new offers also arrive by email.</p>
        ) : (
          <ul aria-label="Offers" className="space-y-4">
            {overview.offers.map((offer) => (
              <OfferCard key={offer.id} offer={offer} timeZone={timeZone} serverNowMs={serverNowMs} onNotice={setNotice} onChanged={reload} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="active-heading" className="space-y-4">
        <h2 id="active-heading" className="text-xl font-semibold">
          Your active tasks
        </h2>
        {overview.assignments.length === 0 ? (
          <p className="text-slate-700">No active tasks.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white shadow-sm">
            {overview.assignments.map((assignment) => (
              <li key={assignment.id} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-center sm:justify-between">
                <div className="min-w-0">
                  <Link href={`/assistant/tasks/${assignment.taskId}`} className="font-medium break-words text-indigo-700 underline">
                    {assignment.title}
                  </Link>
                  <p className="mt-1 text-sm text-slate-600">
                    {assignment.clientName} · {formatDuration(assignment.loggedSeconds)} logged
                    {assignment.started ? "" : ` · start the timer by ${formatTime(assignment.startBy, timeZone)}`}
                  </p>
                  {assignment.runningSince ? <p className="mt-1 text-sm font-medium text-emerald-800">Timer running</p> : null}
                  <UnreadMessages count={assignment.unreadMessages} />
                </div>
                <StatusBadge status={assignment.status} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
