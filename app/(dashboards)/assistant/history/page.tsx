import type { Metadata } from "next";

import { api } from "~/app/_trpc/server";
import { requireRole } from "~/server/auth/guard";

import { formatDuration, formatInstant } from "../../_components/format";

export const metadata: Metadata = { title: "Your history" };

function Stars({ rating }: { rating: number }) {
  return (
    <span>
      <span aria-hidden="true" className="text-amber-500">
        {"★".repeat(rating)}
        <span className="text-slate-300">{"★".repeat(5 - rating)}</span>
      </span>{" "}
      {rating} of 5
    </span>
  );
}

export default async function AssistantHistoryPage() {
  const user = await requireRole("assistant");
  const caller = await api();
  const history = await caller.assistant.history();
  const { average, count } = history.ratingSummary;

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Your history</h1>
        <p className="text-sm text-slate-700">
          {history.completedCount === 1 ? "1 completed task" : `${history.completedCount} completed tasks`}
          {average !== null ? ` · average rating ${average.toFixed(1)} of 5 from ${count === 1 ? "1 rating" : `${count} ratings`}` : " · no ratings yet"}
        </p>
        {history.primaryFor.length > 0 ? (
          <p className="text-sm text-slate-700">
            You are the primary assistant of {history.primaryFor.join(", ")}, so their briefs for their primary assistant reach you first.
          </p>
        ) : null}
        {history.teamOf.length > 0 ? (
          <p className="text-sm text-slate-700">You are on the team of {history.teamOf.join(", ")}, so their briefs for their team reach the team first.</p>
        ) : null}
        {history.completedCount > history.tasks.length ? (
          <p className="text-sm text-slate-600">Showing your {history.tasks.length} most recent completed tasks.</p>
        ) : null}
      </div>

      {history.tasks.length === 0 ? (
        <p className="text-slate-700">No completed tasks yet. Work you deliver appears here once the client approves it.</p>
      ) : (
        <ul className="space-y-4">
          {history.tasks.map((task) => {
            const approval = task.reviews.findLast((review) => review.decision === "approved");
            const changeRequests = task.reviews.filter((review) => review.decision === "changes_requested");

            return (
              <li key={task.id} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <p className="font-medium text-slate-700">{task.clientName}</p>
                    <h2 className="text-base font-semibold break-words">{task.title}</h2>
                  </div>
                  {approval?.rating ? <Stars rating={approval.rating} /> : <span className="text-slate-600">Not rated</span>}
                </div>
                <p className="text-slate-600">
                  Completed {task.completedAt ? formatInstant(task.completedAt, user.timeZone) : "at an unknown time"} · you logged {formatDuration(task.loggedSeconds)}
                  {approval?.automatic ? " · approved automatically after the review period" : ""}
                </p>
                {approval?.comment ? (
                  <blockquote className="border-l-4 border-indigo-200 pl-3 whitespace-pre-wrap break-words text-slate-800">{approval.comment}</blockquote>
                ) : null}
                {changeRequests.length > 0 ? (
                  <details>
                    <summary className="cursor-pointer text-indigo-700">
                      {changeRequests.length === 1 ? "1 request for changes" : `${changeRequests.length} requests for changes`}
                    </summary>
                    <ul className="mt-1 space-y-1">
                      {changeRequests.map((review) => (
                        <li key={review.id} className="whitespace-pre-wrap break-words">
                          {formatInstant(review.createdAt, user.timeZone)}: {review.comment ?? "No note."}
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
