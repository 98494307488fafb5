import type { Role } from "~/server/db/generated/client";

import { formatDuration, formatInstant, formatTime } from "../../../_components/format";
import { RunningTimer } from "../../../_components/running-timer";
import type { ClientTask } from "../../_components/router-outputs";

const ROLE_LABELS: Record<Role, string> = {
  assistant: "assistant",
  admin: "Baton admin",
  client: "client",
};

function sameLocalDay(a: Date, b: Date, timeZone: string): boolean {
  const day = new Intl.DateTimeFormat("en-GB", { year: "numeric", month: "2-digit", day: "2-digit", timeZone });

  return day.format(a) === day.format(b);
}

/** Formats a span such as "7 Dec 2026, 09:00 MST – 10:30". The end repeats the date only when it falls on another day. */
function formatSpan(start: Date, end: Date, timeZone: string): string {
  const endText = sameLocalDay(start, end, timeZone) ? formatTime(end, timeZone) : formatInstant(end, timeZone);

  return `${formatInstant(start, timeZone)} – ${endText}`;
}

type Correction = ClientTask["timeLog"][number]["corrections"][number];

function CorrectionItem({ correction, timeZone }: { correction: Correction; timeZone: string }) {
  const before = correction.oldStartedAt && correction.oldEndedAt ? formatSpan(correction.oldStartedAt, correction.oldEndedAt, timeZone) : null;
  const after = formatSpan(correction.newStartedAt, correction.newEndedAt, timeZone);

  return (
    <li className="rounded-md bg-amber-50 p-2 text-amber-950">
      <p>
        <span className="font-medium">{correction.actorName}</span> ({ROLE_LABELS[correction.actorRole]}),{" "}
        <time dateTime={correction.createdAt.toISOString()}>{formatInstant(correction.createdAt, timeZone)}</time>
      </p>
      <p>{before ? `Changed ${before} → ${after}` : `Added ${after}`}</p>
      <p>Reason: {correction.reason}</p>
    </li>
  );
}

/** Renders every time entry of the task with who logged it, and each entry's corrections. */
export function TimeLog({ entries, timeZone }: { entries: ClientTask["timeLog"]; timeZone: string }) {
  if (entries.length === 0) {
    return <p className="text-sm text-slate-700">No time logged yet.</p>;
  }

  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm shadow-sm">
      {entries.map((entry) => (
        <li key={entry.id} className="space-y-2 p-4">
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-4">
            <div>
              <dt className="text-slate-600">Start</dt>
              <dd>
                <time dateTime={entry.startedAt.toISOString()}>{formatInstant(entry.startedAt, timeZone)}</time>
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">End</dt>
              <dd>
                {entry.endedAt ? (
                  <time dateTime={entry.endedAt.toISOString()}>{formatInstant(entry.endedAt, timeZone)}</time>
                ) : (
                  <span className="text-emerald-800">Timer running</span>
                )}
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">Duration</dt>
              <dd className="font-medium">
                {entry.endedAt ? formatDuration(entry.seconds) : <RunningTimer startedAt={entry.startedAt.toISOString()} />}
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">Assistant</dt>
              <dd>
                {entry.assistantName}
                {entry.source === "manual" ? <span className="text-slate-600"> (added by hand)</span> : null}
              </dd>
            </div>
          </dl>
          {entry.corrections.length > 0 ? (
            <div>
              <h4 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Corrections</h4>
              <ul className="mt-1 space-y-1">
                {entry.corrections.map((correction) => (
                  <CorrectionItem key={correction.id} correction={correction} timeZone={timeZone} />
                ))}
              </ul>
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
