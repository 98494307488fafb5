import type { Metadata } from "next";

import { api } from "~/app/_trpc/server";
import { requireRole } from "~/server/auth/guard";

import { formatDuration, formatInstant, formatTime } from "../_components/format";
import { RunningTimer } from "../_components/running-timer";
import { StatusBadge } from "../_components/status-badge";

export const metadata: Metadata = { title: "Offers and tasks" };

/** Ranking factors in the words an assistant reads; unknown factors show their stored name. */
const FACTOR_LABELS: Record<string, string> = {
  skillFit: "Skill fit",
  declineHistory: "Interest in this kind of work",
  reliability: "Reliability",
  load: "Free capacity",
  fairness: "Time since your last offer",
  timeZoneOverlap: "Working hours before the due date",
  trialConversion: "Trial clients you converted",
};

const DESCRIPTION_PREVIEW_CHARACTERS = 280;

function preview(text: string): string {
  const characters = Array.from(text);

  return characters.length <= DESCRIPTION_PREVIEW_CHARACTERS ? text : `${characters.slice(0, DESCRIPTION_PREVIEW_CHARACTERS - 1).join("")}…`;
}

export default async function AssistantHomePage() {
  const user = await requireRole("assistant");
  const caller = await api();
  const { offers, assignments, runningTimer } = await caller.assistant.overview();

  return (
    <div className="space-y-10">
      <section aria-labelledby="offers-heading" className="space-y-4">
        <h1 id="offers-heading" className="text-2xl font-semibold">
          Offers waiting for you
        </h1>

        {runningTimer ? (
          <p role="status" className="flex flex-wrap items-center gap-2 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
            <span aria-hidden="true" className="inline-block size-2.5 animate-pulse rounded-full bg-emerald-600" />
            <span>
              Timer running on <strong>{runningTimer.title}</strong> for <RunningTimer startedAt={runningTimer.startedAt.toISOString()} />
            </span>
          </p>
        ) : null}

        {offers.length === 0 ? (
          <p className="text-slate-700">No offers right now. New offers also arrive by email.</p>
        ) : (
          <ul className="space-y-4">
            {offers.map((offer) => (
              <li key={offer.id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <h2 className="text-lg font-semibold break-words">{offer.task.title}</h2>
                  <span
                    className={`rounded-full px-2.5 py-0.5 text-xs font-medium ${offer.clientOnTrial ? "bg-amber-100 text-amber-900" : "bg-emerald-100 text-emerald-800"}`}
                  >
                    {offer.clientOnTrial ? "Trial client: a chance to win a new client" : "Paid plan"}
                  </span>
                </div>
                <p className="text-sm text-slate-700">
                  {offer.task.clientName} · expires at {formatTime(offer.expiresAt, user.timeZone)} (in{" "}
                  {formatDuration(offer.secondsLeft)})
                  {offer.task.dueAt ? ` · due ${formatInstant(offer.task.dueAt, user.timeZone)}` : ""}
                  {offer.task.timeLimitSeconds ? ` · limit ${formatDuration(offer.task.timeLimitSeconds)}` : ""}
                </p>
                <ul aria-label="Required skills" className="flex flex-wrap gap-2">
                  {offer.task.skills.map((skill) => (
                    <li key={skill.slug} className="rounded-full bg-slate-200 px-2.5 py-0.5 text-xs font-medium text-slate-800">
                      {skill.name}
                    </li>
                  ))}
                </ul>
                <p className="text-sm whitespace-pre-wrap break-words text-slate-800">{preview(offer.task.description)}</p>
                <details className="text-sm">
                  <summary className="cursor-pointer rounded-md font-medium text-indigo-700">Why you got this offer (score {Math.round(offer.score * 100)} / 100)</summary>
                  {offer.factors.length > 0 ? (
                    <table className="mt-2 w-full max-w-md text-left">
                      <thead className="text-slate-600">
                        <tr>
                          <th scope="col" className="py-1 pr-4 font-medium">
                            Factor
                          </th>
                          <th scope="col" className="py-1 pr-4 font-medium">
                            Value
                          </th>
                          <th scope="col" className="py-1 font-medium">
                            Weight
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {offer.factors.map((factor) => (
                          <tr key={factor.name} className="border-t border-slate-200">
                            <th scope="row" className="py-1 pr-4 font-normal">
                              {FACTOR_LABELS[factor.name] ?? factor.name}
                            </th>
                            <td className="py-1 pr-4">{Math.round(factor.value * 100)} %</td>
                            <td className="py-1">× {factor.weight}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  ) : (
                    <p className="mt-2 text-slate-700">No breakdown was stored for this offer.</p>
                  )}
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="active-heading" className="space-y-4">
        <h2 id="active-heading" className="text-xl font-semibold">
          Your active tasks
        </h2>
        {assignments.length === 0 ? (
          <p className="text-slate-700">No active tasks.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white shadow-sm">
            {assignments.map((assignment) => (
              <li key={assignment.id} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-center sm:justify-between">
                <div className="min-w-0">
                  <p className="font-medium break-words">{assignment.title}</p>
                  <p className="mt-1 text-sm text-slate-600">
                    {assignment.clientName} · {formatDuration(assignment.loggedSeconds)} logged
                    {assignment.started ? "" : ` · start the timer by ${formatTime(assignment.startBy, user.timeZone)}`}
                  </p>
                  {assignment.runningSince ? (
                    <p className="mt-1 text-sm font-medium text-emerald-800">
                      Timer running: <RunningTimer startedAt={assignment.runningSince.toISOString()} />
                    </p>
                  ) : null}
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
