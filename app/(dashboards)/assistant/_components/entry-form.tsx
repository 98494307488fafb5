"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

import { Button } from "~/app/_components/button";
import { Field } from "~/app/_components/field";
import { useTRPC } from "~/app/_trpc/react";
import { parseLocalDateTime } from "~/server/time/zoned";

import { toDateTimeLocalValue } from "./clock-format";
import { fieldErrorsOf, formErrorOf } from "./trpc-errors";

type EntryFormProps = {
  timeZone: string;
  onSaved: (message: string) => Promise<void> | void;
  onCancel?: () => void;
} & (
  | { mode: "edit"; entryId: string; startedAt: Date; endedAt: Date }
  | { mode: "add"; taskId: string }
);

/**
 * Edits a finished time entry or adds a missed one, with a reason. The
 * datetime-local inputs are read in the assistant's time zone and sent as
 * UTC instants. An edit sends only the times that were changed, so the
 * seconds of an untouched start or end are kept.
 */
export function EntryForm(props: EntryFormProps) {
  const trpc = useTRPC();
  const { timeZone, onSaved, onCancel } = props;
  const initialStart = props.mode === "edit" ? toDateTimeLocalValue(props.startedAt, timeZone) : "";
  const initialEnd = props.mode === "edit" ? toDateTimeLocalValue(props.endedAt, timeZone) : "";
  const [start, setStart] = useState(initialStart);
  const [end, setEnd] = useState(initialEnd);
  const [reason, setReason] = useState("");
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});

  const edit = useMutation(trpc.work.editEntry.mutationOptions({ onSuccess: () => onSaved("The entry was corrected.") }));
  const add = useMutation(trpc.work.addEntry.mutationOptions({ onSuccess: () => onSaved("The missed entry was added.") }));
  const mutation = props.mode === "edit" ? edit : add;

  const errors = { ...fieldErrorsOf(mutation.error), ...localErrors };
  const formError = formErrorOf(mutation.error);
  const idPrefix = props.mode === "edit" ? `edit-${props.entryId}` : "add-entry";
  const submitLabel = props.mode === "edit" ? "Save correction" : "Add entry";

  /** Reads one input as an ISO instant. Returns null, with a message in `problems`, when it is empty or not a time. */
  const readInstant = (value: string, field: "startedAt" | "endedAt", problems: Record<string, string>): string | null => {
    const label = field === "startedAt" ? "Start" : "End";
    const instant = parseLocalDateTime(value, timeZone);
    if (!instant) {
      problems[field] = `${label} must be a date and a time.`;

      return null;
    }

    return instant.toISOString();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (reason.trim().length < 3) {
      problems.reason = "Give a reason of at least 3 characters.";
    }

    if (props.mode === "edit") {
      const startedAt = start !== initialStart ? readInstant(start, "startedAt", problems) : null;
      const endedAt = end !== initialEnd ? readInstant(end, "endedAt", problems) : null;
      setLocalErrors(problems);
      if (Object.keys(problems).length > 0) {
        edit.reset();

        return;
      }
      edit.mutate({ entryId: props.entryId, reason, ...(startedAt ? { startedAt } : {}), ...(endedAt ? { endedAt } : {}) });

      return;
    }

    const startedAt = readInstant(start, "startedAt", problems);
    const endedAt = readInstant(end, "endedAt", problems);
    setLocalErrors(problems);
    if (!startedAt || !endedAt || Object.keys(problems).length > 0) {
      add.reset();

      return;
    }
    add.mutate({ taskId: props.taskId, startedAt, endedAt, reason });
  };

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label={props.mode === "edit" ? "Correct this entry" : "Add a missed entry"}
      className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3"
    >
      {formError ? (
        <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          id={`${idPrefix}-start`}
          label="Start"
          name="startedAt"
          type="datetime-local"
          // The form opens on a button press, so focus moves to it and a screen reader or a narrow screen follows.
          autoFocus
          value={start}
          onChange={(event) => setStart(event.target.value)}
          error={errors.startedAt}
        />
        <Field id={`${idPrefix}-end`} label="End" name="endedAt" type="datetime-local" value={end} onChange={(event) => setEnd(event.target.value)} error={errors.endedAt} />
      </div>
      <p className="text-xs text-slate-600">Times are in your time zone, {timeZone}.</p>
      <Field
        id={`${idPrefix}-reason`}
        label="Reason"
        name="reason"
        value={reason}
        maxLength={500}
        onChange={(event) => setReason(event.target.value)}
        hint="The client sees every change with its reason."
        error={errors.reason}
      />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : submitLabel}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel} disabled={mutation.isPending}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
