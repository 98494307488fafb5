import { Button } from "~/app/_components/button";

import { formatInstant } from "../../_components/format";
import { formatElapsed, formatInstantWithSeconds, formatSpan } from "./clock-format";
import type { WorkEntry } from "./types";

/** Stop causes in the words an assistant reads, for every cause other than the assistant pressing Stop. */
const STOP_CAUSE_LABELS: Record<string, string> = {
  switched_task: "stopped when you started another task",
  balance_exhausted: "stopped when the client's hours ran out",
  task_limit_reached: "stopped at the task's time limit",
  watchdog: "stopped automatically after running too long",
  submitted: "stopped when the work was submitted",
  task_cancelled: "stopped when the task was cancelled",
  task_reassigned: "stopped when the task was reassigned",
};

export interface TimeEntriesProps {
  entries: WorkEntry[];
  timeZone: string;
  /** The server's current time in milliseconds, ticking. */
  serverNowMs: number;
  /** Whether the viewer may correct this entry. */
  canCorrect: (entry: WorkEntry) => boolean;
  onCorrect: (entryId: string) => void;
}

function entrySeconds(entry: WorkEntry, serverNowMs: number): number {
  return entry.seconds ?? Math.max(0, Math.floor((serverNowMs - entry.startedAt.getTime()) / 1000));
}

/** Shows where the entry came from, why it stopped and the flag the watchdog set. */
function EntryNotes({ entry }: { entry: WorkEntry }) {
  const cause = entry.stopCause ? STOP_CAUSE_LABELS[entry.stopCause] : undefined;

  return (
    <>
      {entry.source === "manual" ? <p className="text-xs text-slate-600">added by hand</p> : null}
      {cause ? <p className="text-xs text-slate-600">{cause}</p> : null}
      {entry.flagged ? <p className="mt-1 inline-block rounded-full bg-amber-200 px-2 py-0.5 text-xs font-medium text-amber-900">Flagged: check this entry</p> : null}
    </>
  );
}

/** Lists every change to an entry with who made it, when, the old and new span, and the reason. */
function Corrections({ entry, timeZone }: { entry: WorkEntry; timeZone: string }) {
  if (entry.corrections.length === 0) {
    return null;
  }

  return (
    <details className="mt-1 text-xs">
      <summary className="cursor-pointer text-indigo-700">{entry.corrections.length === 1 ? "1 change" : `${entry.corrections.length} changes`}</summary>
      <ol className="mt-1 space-y-2">
        {entry.corrections.map((correction, index) => (
          <li key={`${correction.createdAt.toISOString()}-${index}`} className="border-l-2 border-slate-300 pl-2">
            <p>
              {correction.actor.name}, {formatInstant(correction.createdAt, timeZone)}
            </p>
            {correction.oldStartedAt && correction.oldEndedAt ? (
              <p>
                <span className="sr-only">Changed from </span>
                {formatSpan(correction.oldStartedAt, correction.oldEndedAt, timeZone)} <span aria-hidden="true">→</span>
                <span className="sr-only">to</span> {formatSpan(correction.newStartedAt, correction.newEndedAt, timeZone)}
              </p>
            ) : (
              <p>Added: {formatSpan(correction.newStartedAt, correction.newEndedAt, timeZone)}</p>
            )}
            <p className="text-slate-600">Reason: {correction.reason}</p>
          </li>
        ))}
      </ol>
    </details>
  );
}

function CorrectButton({ entry, timeZone, onCorrect }: { entry: WorkEntry; timeZone: string; onCorrect: (entryId: string) => void }) {
  return (
    <Button variant="secondary" className="px-3 py-1" onClick={() => onCorrect(entry.id)} aria-label={`Correct the entry started ${formatInstant(entry.startedAt, timeZone)}`}>
      Correct
    </Button>
  );
}

/**
 * Renders the entries as a table on wider screens and as a list of cards on
 * narrow ones. Only one of the two is displayed, so assistive technology meets
 * each entry once.
 */
export function TimeEntries({ entries, timeZone, serverNowMs, canCorrect, onCorrect }: TimeEntriesProps) {
  return (
    <>
      <div className="hidden rounded-lg border border-slate-200 bg-white shadow-sm sm:block">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Time entries, times in {timeZone}</caption>
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Start
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                End
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Duration
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Who
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} className={`border-t border-slate-200 align-top ${entry.flagged ? "bg-amber-50" : ""}`}>
                <td className="px-3 py-2">{formatInstantWithSeconds(entry.startedAt, timeZone)}</td>
                <td className="px-3 py-2">{entry.endedAt ? formatInstantWithSeconds(entry.endedAt, timeZone) : "Running"}</td>
                <td className="px-3 py-2">
                  <span className="tabular-nums" suppressHydrationWarning>
                    {formatElapsed(entrySeconds(entry, serverNowMs))}
                  </span>
                  <EntryNotes entry={entry} />
                </td>
                <td className="px-3 py-2">
                  {entry.assistant.user.name}
                  <Corrections entry={entry} timeZone={timeZone} />
                </td>
                <td className="px-3 py-2 text-right">{canCorrect(entry) ? <CorrectButton entry={entry} timeZone={timeZone} onCorrect={onCorrect} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <ul aria-label={`Time entries, times in ${timeZone}`} className="space-y-3 sm:hidden">
        {entries.map((entry) => (
          <li key={entry.id} className={`space-y-2 rounded-lg border border-slate-200 p-3 text-sm shadow-sm ${entry.flagged ? "bg-amber-50" : "bg-white"}`}>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
              <dt className="text-slate-600">Start</dt>
              <dd>{formatInstantWithSeconds(entry.startedAt, timeZone)}</dd>
              <dt className="text-slate-600">End</dt>
              <dd>{entry.endedAt ? formatInstantWithSeconds(entry.endedAt, timeZone) : "Running"}</dd>
              <dt className="text-slate-600">Duration</dt>
              <dd>
                <span className="tabular-nums" suppressHydrationWarning>
                  {formatElapsed(entrySeconds(entry, serverNowMs))}
                </span>
                <EntryNotes entry={entry} />
              </dd>
              <dt className="text-slate-600">Who</dt>
              <dd>{entry.assistant.user.name}</dd>
            </dl>
            <Corrections entry={entry} timeZone={timeZone} />
            {canCorrect(entry) ? <CorrectButton entry={entry} timeZone={timeZone} onCorrect={onCorrect} /> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
