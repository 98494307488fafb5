"use client";

import { useState } from "react";

import { Button } from "~/app/_components/button";

import { formatInstant } from "../../_components/format";
import { formatCalendarDate, formatElapsed } from "./clock-format";
import { dailyTotals } from "./daily-totals";
import { EntryForm } from "./entry-form";
import { NoticeBanner } from "./notice-banner";
import { TimeEntries } from "./time-entries";
import type { Notice, WorkEntry, WorkTask } from "./types";

/** Statuses whose time log the assistant may no longer correct. */
const LOCKED_STATUSES: ReadonlySet<WorkTask["status"]> = new Set(["completed", "cancelled"]);

interface TimeLogProps {
  task: WorkTask;
  timeZone: string;
  /** The viewer's name, to offer corrections only on their own entries. */
  viewerName: string;
  /** The server's current time in milliseconds, ticking. */
  serverNowMs: number;
  onChanged: () => Promise<void>;
}

/** Renders the task's time log with every entry and its corrections, daily totals in the viewer's zone, and forms to correct it. */
export function TimeLog({ task, timeZone, viewerName, serverNowMs, onChanged }: TimeLogProps) {
  const [editingId, setEditingId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  const locked = LOCKED_STATUSES.has(task.status);
  const entries = task.timeEntries;
  const editing = entries.find((entry) => entry.id === editingId && entry.endedAt !== null);
  const days = dailyTotals(entries, timeZone, new Date(serverNowMs));
  const totalSeconds = days.reduce((total, day) => total + day.seconds, 0);

  // NOTE: the work router sends an entry's assistant by name only, so two assistants with the same name look alike here. The server still rejects a correction of someone else's entry.
  const canCorrect = (entry: WorkEntry) => !locked && entry.endedAt !== null && entry.assistant.user.name === viewerName;

  const saved = async (message: string) => {
    setEditingId(null);
    setAdding(false);
    setNotice({ tone: "status", text: message });
    await onChanged();
  };

  const startCorrecting = (entryId: string) => {
    setNotice(null);
    setAdding(false);
    setEditingId(entryId);
  };

  return (
    <section aria-labelledby="log-heading" className="space-y-4">
      <h2 id="log-heading" className="text-lg font-semibold">
        Time log
      </h2>
      <NoticeBanner notice={notice} />

      {entries.length === 0 ? (
        <p className="text-slate-700">No time logged yet.</p>
      ) : (
        <TimeEntries entries={entries} timeZone={timeZone} serverNowMs={serverNowMs} canCorrect={canCorrect} onCorrect={startCorrecting} />
      )}

      {editing?.endedAt ? (
        <div className="space-y-2">
          <h3 className="font-medium">Correct the entry started {formatInstant(editing.startedAt, timeZone)}</h3>
          <EntryForm
            key={editing.id}
            mode="edit"
            entryId={editing.id}
            startedAt={editing.startedAt}
            endedAt={editing.endedAt}
            timeZone={timeZone}
            onSaved={saved}
            onCancel={() => setEditingId(null)}
          />
        </div>
      ) : null}

      {days.length > 0 ? (
        <div className="space-y-2">
          <h3 className="font-medium">Daily totals</h3>
          <p className="text-xs text-slate-600">Days end at midnight in your time zone, {timeZone}. Entries that cross midnight are split there.</p>
          <table className="w-full max-w-sm text-left text-sm">
            <tbody>
              {days.map((day) => (
                <tr key={day.date} className="border-t border-slate-200">
                  <th scope="row" className="py-1 pr-4 font-normal">
                    {formatCalendarDate(day.date)}
                  </th>
                  <td className="py-1 tabular-nums" suppressHydrationWarning>
                    {formatElapsed(day.seconds)}
                  </td>
                </tr>
              ))}
              <tr className="border-t-2 border-slate-300 font-medium">
                <th scope="row" className="py-1 pr-4">
                  Total
                </th>
                <td className="py-1 tabular-nums" suppressHydrationWarning>
                  {formatElapsed(totalSeconds)}
                </td>
              </tr>
            </tbody>
          </table>
        </div>
      ) : null}

      {locked ? (
        <p className="text-sm text-slate-700">This task is closed, so its time log is locked. An admin can still correct it.</p>
      ) : adding ? (
        <div className="space-y-2">
          <h3 className="font-medium">Add a missed entry</h3>
          <EntryForm mode="add" taskId={task.id} timeZone={timeZone} onSaved={saved} onCancel={() => setAdding(false)} />
        </div>
      ) : (
        <Button
          variant="secondary"
          onClick={() => {
            setNotice(null);
            setEditingId(null);
            setAdding(true);
          }}
        >
          Add a missed entry
        </Button>
      )}
    </section>
  );
}
