"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

import { Button } from "~/app/_components/button";
import { useTRPC } from "~/app/_trpc/react";

import { formatTime } from "../../_components/format";
import { readMutationError } from "../_components/mutation-error";
import { TextAreaField } from "~/app/_components/field";

/** The maximum length of standing notes that the server accepts, in characters. */
const MAX_NOTES_LENGTH = 5000;

/** Edits the client's standing notes, keeping the typed text when saving fails. */
export function NotesForm({ initialNotes, timeZone }: { initialNotes: string; timeZone: string }) {
  const trpc = useTRPC();
  const [notes, setNotes] = useState(initialNotes);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const save = useMutation(trpc.brief.saveNotes.mutationOptions({ onSuccess: () => setSavedAt(new Date()) }));
  const { fieldErrors, formError } = readMutationError(save.error, ["standingNotes"]);
  const over = notes.length > MAX_NOTES_LENGTH;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ standingNotes: notes });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      {formError ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      <TextAreaField
        label="Standing notes"
        name="standingNotes"
        rows={12}
        value={notes}
        onChange={(event) => {
          setNotes(event.target.value);
          setSavedAt(null);
        }}
        hint={`${notes.length.toLocaleString("en-GB")} of ${MAX_NOTES_LENGTH.toLocaleString("en-GB")} characters${over ? ": shorten the notes before saving" : ""}.`}
        error={fieldErrors.standingNotes}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save notes"}
        </Button>
        <p role="status" className="text-sm text-emerald-800">
          {savedAt && !save.isPending ? `Notes saved at ${formatTime(savedAt, timeZone)}.` : ""}
        </p>
      </div>
    </form>
  );
}
